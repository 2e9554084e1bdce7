// The verbs card buttons send back (Action.Execute `verb`, and `action` in the data on both platforms), and the ids
// of inputs whose values come with them. Channel edges route on these.

export const CARD_ACTIONS = {
  signedIn: 'step4.signed_in',
  needHelp: 'step4.need_help',
  remindLater: 'step4.remind_later',
  helpTake: 'help.take',
  helpResolve: 'help.resolve',
  adminRefresh: 'admin.refresh',
  serverSwitchedOff: 'server.switched_off',
  serverLater: 'server.later',
  deviceDone: 'device.done',
} as const;

export type CardAction = (typeof CARD_ACTIONS)[keyof typeof CARD_ACTIONS];

/** The free-text input of "I need help" (Teams: activity.value.helpText; Slack: state.values.helpText.helpText.value). */
export const HELP_TEXT_INPUT = 'helpText';

export function isCardAction(value: unknown): value is CardAction {
  return typeof value === 'string' && (Object.values(CARD_ACTIONS) as string[]).includes(value);
}
