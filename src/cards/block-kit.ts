// The Block Kit shapes numbot produces, and Slack's documented limits for them.

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  inputLabel: 2000,
  placeholder: 150,
  fallbackText: 3000,
} as const;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}
export interface SlackButton {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}
export interface SlackTextInput {
  type: 'plain_text_input';
  action_id: string;
  multiline?: boolean;
  placeholder?: PlainText;
  max_length?: number;
  initial_value?: string;
}

export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' }
  | { type: 'image'; image_url: string; alt_text: string }
  | { type: 'actions'; elements: SlackButton[] }
  | { type: 'input'; block_id: string; optional: boolean; label: PlainText; element: SlackTextInput };

export const isInteractive = (b: SlackBlock): boolean => b.type === 'actions' || b.type === 'input';
