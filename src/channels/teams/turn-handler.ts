// The one bot turn logic: route each inbound activity by type.
import type { TurnContext } from 'botbuilder';
import type { TeamsTurnDeps } from './deps.ts';
import { onExecuteInvoke, onSubmit } from './on-card-action.ts';
import { onFileConsent } from './on-file-consent.ts';
import { isInstall, onInstalled } from './on-installed.ts';
import { onMessage } from './on-message.ts';
import type { FileSender } from './send-accepted-file.ts';

export interface TurnOptions {
  /** False when the endpoint runs without Bot Framework auth (TEAMS_LOCAL_NO_AUTH): then http upload URLs are taken. */
  authEnabled: boolean;
  /** Uploads accepted files once the consent invoke is answered. */
  fileSender: FileSender;
}

export function createTurnHandler(ctx: TeamsTurnDeps, options: TurnOptions): (turn: TurnContext) => Promise<void> {
  const fileConsent = { allowHttp: !options.authEnabled, sender: options.fileSender };
  return async (turn) => {
    const a = turn.activity;
    switch (a.type) {
      case 'message':
        if (a.value && !a.text?.trim()) return onSubmit(ctx, turn);
        return onMessage(ctx, turn);
      case 'invoke':
        if (a.name === 'adaptiveCard/action') return onExecuteInvoke(ctx, turn);
        if (a.name === 'fileConsent/invoke') return onFileConsent(ctx, turn, fileConsent);
        return;
      case 'conversationUpdate':
      case 'installationUpdate':
        if (isInstall(turn)) await onInstalled(ctx, turn);
        return;
      default:
        return;
    }
  };
}
