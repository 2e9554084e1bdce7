# numbot: the compiled bot on Node 24 LTS, production dependencies only, running as the unprivileged `node` user.
#   docker build -t numbot . && docker run --env-file .env -p 3978:3978 numbot
# CI runs these stages step by step as a script (scripts/dockerfile-dry-run.ts): no container runtime there.
ARG NODE_VERSION=24.22.3

# 1. Compile: every dependency (TypeScript among them), then `npm run build` to dist/.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-assets.mjs scripts/
COPY src/ src/
RUN npm run build

# 2. Production dependencies only: no compiler, linter or test runner in the image.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. What runs: the compiled code, its dependencies and the files it reads (cards, strings, data, the Teams icon).
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
ENV PORT=3978
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin/ bin/
COPY cards/ cards/
COPY locales/ locales/
COPY data/ data/
COPY manifest/ manifest/
USER node
EXPOSE 3978
# Liveness, not health: /healthz turns 503 while Slack Socket Mode is down, which a restart does not fix.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
