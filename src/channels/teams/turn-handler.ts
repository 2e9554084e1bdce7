// The one bot turn logic: route each inbound activity by type.
import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/context.ts';
import { onExecuteInvoke, onSubmit } from './on-card-action.ts';
import { isInstall, onInstalled } from './on-installed.ts';
import { onMessage } from './on-message.ts';

export function createTurnHandler(ctx: AppContext): (turn: TurnContext) => Promise<void> {
  return async (turn) => {
    const a = turn.activity;
    switch (a.type) {
      case 'message':
        if (a.value && !a.text?.trim()) return onSubmit(ctx, turn);
        return onMessage(ctx, turn);
      case 'invoke':
        if (a.name === 'adaptiveCard/action') return onExecuteInvoke(ctx, turn);
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
