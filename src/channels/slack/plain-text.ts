// Slack sends typed text with its markup: `<mailto:a@b.org|a@b.org>`, `<https://x|label>`, `&amp;`. The core wants
// what the person typed.

export function plainText(slackText: string): string {
  return slackText
    .replace(/<([^<>|]+)\|([^<>]*)>/g, (_m, _target: string, label: string) => label)
    .replace(/<(?:mailto:)?([^<>@!#][^<>]*)>/g, (_m, target: string) => target)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
