/**
 * Slack's documented limits for every block, element, composition object, message and view Charter Ops
 * uses, as one checker that the Web API stand-in (and through it the browser sandbox) applies to every
 * `chat.*` and `views.*` call, and that tests apply to every surface the app renders. Each rule names the
 * reference page that states it. A problem is reported the way Slack reports it: a sentence plus the JSON
 * pointer of the offending field (`must be less than 3001 characters [json-pointer:/blocks/0/text/text]`).
 *
 * Development and tests only: it must never be used to silently "fix" a payload (a surface that breaks a
 * rule is a bug to fix where it is built), and it must never be looser than the page it cites.
 */

const REF = 'https://docs.slack.dev/reference';
/** Where each rule is written down (one page per object; the rule's comment names the field). */
export const SLACK_REFERENCE = {
  text: `${REF}/block-kit/composition-objects/text-object`,
  option: `${REF}/block-kit/composition-objects/option-object`,
  optionGroup: `${REF}/block-kit/composition-objects/option-group-object`,
  confirm: `${REF}/block-kit/composition-objects/confirmation-dialog-object`,
  blocks: `${REF}/block-kit/blocks`,
  section: `${REF}/block-kit/blocks/section-block`,
  context: `${REF}/block-kit/blocks/context-block`,
  header: `${REF}/block-kit/blocks/header-block`,
  divider: `${REF}/block-kit/blocks/divider-block`,
  actions: `${REF}/block-kit/blocks/actions-block`,
  input: `${REF}/block-kit/blocks/input-block`,
  image: `${REF}/block-kit/blocks/image-block`,
  button: `${REF}/block-kit/block-elements/button-element`,
  select: `${REF}/block-kit/block-elements/select-menu-element`,
  multiSelect: `${REF}/block-kit/block-elements/multi-select-menu-element`,
  plainTextInput: `${REF}/block-kit/block-elements/plain-text-input-element`,
  emailInput: `${REF}/block-kit/block-elements/email-input-element`,
  numberInput: `${REF}/block-kit/block-elements/number-input-element`,
  datepicker: `${REF}/block-kit/block-elements/date-picker-element`,
  timepicker: `${REF}/block-kit/block-elements/time-picker-element`,
  overflow: `${REF}/block-kit/block-elements/overflow-menu-element`,
  checkboxes: `${REF}/block-kit/block-elements/checkboxes-element`,
  radio: `${REF}/block-kit/block-elements/radio-button-group-element`,
  imageElement: `${REF}/block-kit/block-elements/image-element`,
  modal: `${REF}/views/modal-views`,
  home: `${REF}/views/app-home-views`,
  postMessage: `${REF}/methods/chat.postMessage`,
} as const;

/** The numbers, so that builders can use the same ones the checker enforces. */
export const SLACK_LIMITS = {
  /** text object: "The minimum length is 1 and maximum length is 3000 characters." (text) */
  text: 3000,
  /** section: text max 3000; fields max 10 items, each text max 2000. (section) */
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  /** context: max 10 elements. (context) */
  contextElements: 10,
  /** header: plain_text, max 150 characters. (header) */
  headerText: 150,
  /** actions: max 25 elements. (actions) */
  actionsElements: 25,
  /** input: label and hint max 2000 characters. (input) */
  inputLabel: 2000,
  inputHint: 2000,
  /** blocks: block_id max 255 characters; action_id max 255 (every interactive element). (blocks) */
  blockId: 255,
  actionId: 255,
  /** button: text 75, value 2000, url 3000, accessibility_label 75. (button) */
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  accessibilityLabel: 75,
  /** option: text 75, value 150, description 75. (option) */
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  /** option group: label 75, options max 100; option_groups max 100. (optionGroup) */
  optionGroupLabel: 75,
  /** select menus: options max 100, option_groups max 100; placeholder 150. (select) */
  selectOptions: 100,
  selectOptionGroups: 100,
  placeholder: 150,
  /** plain_text_input: min_length 0–3000, max_length 1–3000. (plainTextInput) */
  inputLength: 3000,
  /** overflow: 2–5 options. (overflow) */
  overflowMin: 2,
  overflowMax: 5,
  /** checkboxes and radio buttons: max 10 options. (checkboxes, radio) */
  checkboxOptions: 10,
  /** confirmation dialog: title 100, text 300, confirm 30, deny 30. (confirm) */
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** image: alt_text 2000, image_url 3000, title 2000. (image) */
  altText: 2000,
  /** messages: max 50 blocks; text truncated past 40,000 characters, refused beyond (msg_too_long). (postMessage) */
  messageBlocks: 50,
  messageText: 40_000,
  /** views: max 100 blocks; title, close and submit max 24; private_metadata 3000; callback_id 255. (modal, home) */
  viewBlocks: 100,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

export interface ContractProblem {
  /** JSON pointer of the offending field, from the root of the call's arguments (e.g. `/view/title/text`). */
  pointer: string;
  message: string;
}

/** Slack's wording for one problem, as it appears in `response_metadata.messages`. */
export function formatProblem(problem: ContractProblem): string {
  return `[ERROR] ${problem.message} [json-pointer:${problem.pointer}]`;
}

type Json = Record<string, unknown>;
type Surface = 'message' | 'modal' | 'home';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Characters as Slack counts them: code points, so an emoji is one character, not two UTF-16 units. */
export function slackLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

class Checker {
  readonly problems: ContractProblem[] = [];
  private readonly blockIds = new Set<string>();

  constructor(private readonly surface: Surface) {}

  fail(pointer: string, message: string) {
    this.problems.push({ pointer, message });
  }

  maxLength(value: unknown, max: number, pointer: string) {
    if (typeof value === 'string' && slackLength(value) > max)
      this.fail(pointer, `must be less than ${max + 1} characters`);
  }

  /** A text object; `kind` narrows it where a field takes plain_text only. (text) */
  text(value: unknown, pointer: string, max: number, kind: 'plain_text' | 'any' = 'any', required = true) {
    if (value === undefined && !required) return;
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn')
      return this.fail(`${pointer}/type`, 'must be one of plain_text, mrkdwn');
    if (kind === 'plain_text' && value.type !== 'plain_text')
      return this.fail(`${pointer}/type`, 'must be plain_text');
    // text object: "The minimum length is 1 and maximum length is 3000 characters."
    if (typeof value.text !== 'string' || value.text.length === 0)
      return this.fail(`${pointer}/text`, 'must be more than 0 characters');
    this.maxLength(value.text, Math.min(max, SLACK_LIMITS.text), `${pointer}/text`);
    // text object: emoji "can only be used when type is plain_text"; verbatim only with mrkdwn.
    if (value.type === 'mrkdwn' && 'emoji' in value)
      this.fail(`${pointer}/emoji`, 'is only allowed with plain_text');
    if (value.type === 'plain_text' && 'verbatim' in value)
      this.fail(`${pointer}/verbatim`, 'is only allowed with mrkdwn');
  }

  actionId(element: Json, pointer: string) {
    this.maxLength(element.action_id, SLACK_LIMITS.actionId, `${pointer}/action_id`);
  }

  placeholder(element: Json, pointer: string) {
    this.text(element.placeholder, `${pointer}/placeholder`, SLACK_LIMITS.placeholder, 'plain_text', false);
  }

  confirm(value: unknown, pointer: string) {
    if (value === undefined) return;
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    // confirmation dialog: title 100, text 300, confirm 30, deny 30 (plain_text except text).
    this.text(value.title, `${pointer}/title`, SLACK_LIMITS.confirmTitle, 'plain_text');
    this.text(value.text, `${pointer}/text`, SLACK_LIMITS.confirmText);
    this.text(value.confirm, `${pointer}/confirm`, SLACK_LIMITS.confirmButton, 'plain_text');
    this.text(value.deny, `${pointer}/deny`, SLACK_LIMITS.confirmButton, 'plain_text');
    if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger')
      this.fail(`${pointer}/style`, 'must be one of primary, danger');
  }

  /** An option; in select menus and overflow its text is plain_text only. (option) */
  option(value: unknown, pointer: string, textKind: 'plain_text' | 'any') {
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    this.text(value.text, `${pointer}/text`, SLACK_LIMITS.optionText, textKind);
    if (typeof value.value !== 'string') this.fail(`${pointer}/value`, 'must provide a string');
    else {
      if (value.value.length === 0) this.fail(`${pointer}/value`, 'must be more than 0 characters');
      this.maxLength(value.value, SLACK_LIMITS.optionValue, `${pointer}/value`);
    }
    this.text(value.description, `${pointer}/description`, SLACK_LIMITS.optionDescription, textKind, false);
    this.maxLength(value.url, SLACK_LIMITS.url, `${pointer}/url`);
  }

  options(value: unknown, pointer: string, max: number, textKind: 'plain_text' | 'any', min = 1) {
    if (!Array.isArray(value)) return this.fail(pointer, 'must provide an array');
    if (value.length < min) this.fail(pointer, `must provide at least ${min} items`);
    if (value.length > max) this.fail(pointer, `must provide no more than ${max} items`);
    value.forEach((o, i) => {
      this.option(o, `${pointer}/${i}`, textKind);
    });
  }

  /** Static selects: exactly one of options (≤100) or option_groups (≤100 groups of ≤100). (select, optionGroup) */
  staticOptions(element: Json, pointer: string) {
    const hasOptions = element.options !== undefined;
    const hasGroups = element.option_groups !== undefined;
    if (hasOptions === hasGroups) {
      this.fail(pointer, 'must provide exactly one of options, option_groups');
      return;
    }
    if (hasOptions) {
      this.options(element.options, `${pointer}/options`, SLACK_LIMITS.selectOptions, 'plain_text');
      return;
    }
    const groups = element.option_groups;
    if (!Array.isArray(groups)) return this.fail(`${pointer}/option_groups`, 'must provide an array');
    if (groups.length > SLACK_LIMITS.selectOptionGroups)
      this.fail(
        `${pointer}/option_groups`,
        `must provide no more than ${SLACK_LIMITS.selectOptionGroups} items`,
      );
    groups.forEach((group, i) => {
      const at = `${pointer}/option_groups/${i}`;
      if (!isObject(group)) {
        this.fail(at, 'must provide an object');
        return;
      }
      this.text(group.label, `${at}/label`, SLACK_LIMITS.optionGroupLabel, 'plain_text');
      this.options(group.options, `${at}/options`, SLACK_LIMITS.selectOptions, 'plain_text');
    });
  }

  element(value: unknown, pointer: string, where: 'section' | 'actions' | 'input' | 'context') {
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    const type = String(value.type ?? '');
    if (where === 'context') {
      // context: elements are image elements or text objects. (context)
      if (type === 'image') return this.imageElement(value, pointer);
      return this.text(value, pointer, SLACK_LIMITS.text);
    }
    this.actionId(value, pointer);
    this.confirm(value.confirm, `${pointer}/confirm`);
    switch (type) {
      case 'button':
        // button: text plain_text ≤75, value ≤2000, url ≤3000, style primary|danger. (button)
        this.text(value.text, `${pointer}/text`, SLACK_LIMITS.buttonText, 'plain_text');
        this.maxLength(value.value, SLACK_LIMITS.buttonValue, `${pointer}/value`);
        this.maxLength(value.url, SLACK_LIMITS.url, `${pointer}/url`);
        this.maxLength(
          value.accessibility_label,
          SLACK_LIMITS.accessibilityLabel,
          `${pointer}/accessibility_label`,
        );
        if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger')
          this.fail(`${pointer}/style`, 'must be one of primary, danger');
        return;
      case 'static_select':
      case 'multi_static_select':
        this.placeholder(value, pointer);
        this.staticOptions(value, pointer);
        if (type === 'multi_static_select' && value.max_selected_items !== undefined)
          this.minimum(value.max_selected_items, 1, `${pointer}/max_selected_items`);
        return;
      case 'external_select':
      case 'multi_external_select':
      case 'users_select':
      case 'multi_users_select':
      case 'conversations_select':
      case 'multi_conversations_select':
      case 'channels_select':
      case 'multi_channels_select':
        this.placeholder(value, pointer);
        return;
      case 'overflow':
        // overflow: "Maximum number of options is 5, minimum is 2." (overflow)
        this.options(
          value.options,
          `${pointer}/options`,
          SLACK_LIMITS.overflowMax,
          'plain_text',
          SLACK_LIMITS.overflowMin,
        );
        return;
      case 'checkboxes':
      case 'radio_buttons':
        // checkboxes / radio buttons: "Maximum number of options is 10." (checkboxes, radio)
        this.options(value.options, `${pointer}/options`, SLACK_LIMITS.checkboxOptions, 'any');
        return;
      case 'datepicker':
        this.placeholder(value, pointer);
        // date picker: initial_date "in the format YYYY-MM-DD". (datepicker)
        if (value.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(value.initial_date)))
          this.fail(`${pointer}/initial_date`, 'must match the format YYYY-MM-DD');
        return;
      case 'timepicker':
        this.placeholder(value, pointer);
        // time picker: initial_time "in the format HH:mm", 24-hour. (timepicker)
        if (value.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(value.initial_time)))
          this.fail(`${pointer}/initial_time`, 'must match the format HH:mm');
        return;
      case 'plain_text_input':
        return this.plainTextInput(value, pointer);
      case 'email_text_input':
      case 'url_text_input':
        this.placeholder(value, pointer);
        return;
      case 'number_input':
        return this.numberInput(value, pointer);
      case 'image':
        if (where !== 'section')
          return this.fail(`${pointer}/type`, `image is not allowed in ${where} blocks`);
        return this.imageElement(value, pointer);
      default:
        this.fail(
          `${pointer}/type`,
          `${type || 'an element without a type'} is not a supported element here`,
        );
    }
  }

  minimum(value: unknown, min: number, pointer: string) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
      this.fail(pointer, `must be an integer of at least ${min}`);
  }

  plainTextInput(value: Json, pointer: string) {
    this.placeholder(value, pointer);
    // plain-text input: min_length "between 0 and 3000, inclusive"; max_length "between 1 and 3000, inclusive".
    if (value.min_length !== undefined) {
      const min = value.min_length;
      if (typeof min !== 'number' || !Number.isInteger(min) || min < 0 || min > SLACK_LIMITS.inputLength)
        this.fail(`${pointer}/min_length`, `must be between 0 and ${SLACK_LIMITS.inputLength}`);
    }
    if (value.max_length !== undefined) {
      const max = value.max_length;
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > SLACK_LIMITS.inputLength)
        this.fail(`${pointer}/max_length`, `must be between 1 and ${SLACK_LIMITS.inputLength}`);
    }
  }

  numberInput(value: Json, pointer: string) {
    this.placeholder(value, pointer);
    // number input: is_decimal_allowed is required; values are numbers as strings. (numberInput)
    if (typeof value.is_decimal_allowed !== 'boolean')
      this.fail(`${pointer}/is_decimal_allowed`, 'must provide a boolean');
    const numeric = (field: string): number | undefined => {
      const raw = value[field];
      if (raw === undefined) return undefined;
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) {
        this.fail(`${pointer}/${field}`, 'must be a number given as a string');
        return undefined;
      }
      if (value.is_decimal_allowed === false && !Number.isInteger(n))
        this.fail(`${pointer}/${field}`, 'must be an integer when is_decimal_allowed is false');
      return n;
    };
    const min = numeric('min_value');
    const max = numeric('max_value');
    const initial = numeric('initial_value');
    if (min !== undefined && max !== undefined && min > max)
      this.fail(`${pointer}/min_value`, 'must be less than or equal to max_value');
    if (
      initial !== undefined &&
      ((min !== undefined && initial < min) || (max !== undefined && initial > max))
    )
      this.fail(`${pointer}/initial_value`, 'must be between min_value and max_value');
  }

  imageElement(value: Json, pointer: string) {
    // image element: image_url (or slack_file) and alt_text are required. (imageElement)
    if (typeof value.alt_text !== 'string' || value.alt_text.length === 0)
      this.fail(`${pointer}/alt_text`, 'must be more than 0 characters');
    this.maxLength(value.alt_text, SLACK_LIMITS.altText, `${pointer}/alt_text`);
    if (value.image_url === undefined && value.slack_file === undefined)
      this.fail(pointer, 'must provide image_url or slack_file');
    this.maxLength(value.image_url, SLACK_LIMITS.url, `${pointer}/image_url`);
  }

  /** Every action_id must be unique within its block. (blocks: action_id) */
  uniqueActionIds(elements: unknown[], pointer: string) {
    const seen = new Set<string>();
    elements.forEach((e, i) => {
      const id = isObject(e) && typeof e.action_id === 'string' ? e.action_id : undefined;
      if (id === undefined) return;
      if (seen.has(id)) this.fail(`${pointer}/${i}/action_id`, `duplicate action_id ${id}`);
      seen.add(id);
    });
  }

  block(value: unknown, pointer: string) {
    if (!isObject(value)) return this.fail(pointer, 'must provide an object');
    // blocks: "block_id … Maximum length for this field is 255 characters", unique in a message or view.
    if (value.block_id !== undefined) {
      const id = String(value.block_id);
      this.maxLength(id, SLACK_LIMITS.blockId, `${pointer}/block_id`);
      if (this.blockIds.has(id)) this.fail(`${pointer}/block_id`, `duplicate block_id ${id}`);
      this.blockIds.add(id);
    }
    switch (value.type) {
      case 'section': {
        // section: "text … Maximum length … 3000 characters. This field is not required if a valid array of
        // fields objects is provided"; fields "Maximum number of items is 10. Maximum length … 2000".
        if (value.text === undefined && value.fields === undefined)
          this.fail(pointer, 'must provide text or fields');
        this.text(value.text, `${pointer}/text`, SLACK_LIMITS.sectionText, 'any', false);
        if (value.fields !== undefined) {
          if (!Array.isArray(value.fields)) return this.fail(`${pointer}/fields`, 'must provide an array');
          if (value.fields.length > SLACK_LIMITS.sectionFields)
            this.fail(`${pointer}/fields`, `must provide no more than ${SLACK_LIMITS.sectionFields} items`);
          value.fields.forEach((f, i) => {
            this.text(f, `${pointer}/fields/${i}`, SLACK_LIMITS.sectionFieldText);
          });
        }
        if (value.accessory !== undefined) this.element(value.accessory, `${pointer}/accessory`, 'section');
        return;
      }
      case 'context': {
        const elements = value.elements;
        if (!Array.isArray(elements) || elements.length === 0)
          return this.fail(`${pointer}/elements`, 'must provide at least 1 item');
        // context: "Maximum number of items is 10."
        if (elements.length > SLACK_LIMITS.contextElements)
          this.fail(`${pointer}/elements`, `must provide no more than ${SLACK_LIMITS.contextElements} items`);
        elements.forEach((e, i) => {
          this.element(e, `${pointer}/elements/${i}`, 'context');
        });
        return;
      }
      case 'header':
        // header: "plain_text … Maximum length for the text in this field is 150 characters."
        this.text(value.text, `${pointer}/text`, SLACK_LIMITS.headerText, 'plain_text');
        return;
      case 'divider':
        return;
      case 'actions': {
        const elements = value.elements;
        if (!Array.isArray(elements) || elements.length === 0)
          return this.fail(`${pointer}/elements`, 'must provide at least 1 item');
        // actions: "There is a maximum of 25 elements in each action block."
        if (elements.length > SLACK_LIMITS.actionsElements)
          this.fail(`${pointer}/elements`, `must provide no more than ${SLACK_LIMITS.actionsElements} items`);
        elements.forEach((e, i) => {
          this.element(e, `${pointer}/elements/${i}`, 'actions');
        });
        this.uniqueActionIds(elements, `${pointer}/elements`);
        return;
      }
      case 'input':
        // input: label plain_text ≤2000 (required), hint plain_text ≤2000, one element (required).
        this.text(value.label, `${pointer}/label`, SLACK_LIMITS.inputLabel, 'plain_text');
        this.text(value.hint, `${pointer}/hint`, SLACK_LIMITS.inputHint, 'plain_text', false);
        if (value.element === undefined) return this.fail(`${pointer}/element`, 'must provide an object');
        this.element(value.element, `${pointer}/element`, 'input');
        return;
      case 'image':
        // image block: alt_text ≤2000, image_url ≤3000, title plain_text ≤2000.
        this.imageElement(value, pointer);
        this.text(value.title, `${pointer}/title`, SLACK_LIMITS.altText, 'plain_text', false);
        return;
      default:
        this.fail(
          `${pointer}/type`,
          `${String(value.type ?? 'a block without a type')} is not a supported block`,
        );
    }
  }

  blocks(value: unknown, pointer: string, max: number) {
    if (!Array.isArray(value)) return this.fail(pointer, 'must provide an array');
    if (value.length > max) this.fail(pointer, `must provide no more than ${max} items`);
    value.forEach((block, i) => {
      this.block(block, `${pointer}/${i}`);
    });
  }

  get where(): Surface {
    return this.surface;
  }
}

/**
 * The blocks (and text) of a `chat.postMessage` / `chat.update` / `chat.postEphemeral` call. Pointers are
 * relative to the call's arguments (`/blocks/0/...`), as Slack writes them for `invalid_blocks`.
 */
export function checkMessageBlocks(blocks: unknown): ContractProblem[] {
  const checker = new Checker('message');
  // chat.postMessage: "blocks … up to 50 blocks" per message.
  checker.blocks(blocks, '/blocks', SLACK_LIMITS.messageBlocks);
  return checker.problems;
}

/** A modal or Home view, as passed to views.open / push / update / publish (pointers under `/view`). */
export function checkView(view: unknown): ContractProblem[] {
  const checker = new Checker(isObject(view) && view.type === 'home' ? 'home' : 'modal');
  const at = '/view';
  if (!isObject(view)) {
    checker.fail(at, 'must provide an object');
    return checker.problems;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    checker.fail(`${at}/type`, 'must be one of modal, home');
    return checker.problems;
  }
  // modal and home views: "blocks … Max of 100 blocks"; private_metadata ≤3000; callback_id ≤255.
  checker.blocks(view.blocks, `${at}/blocks`, SLACK_LIMITS.viewBlocks);
  checker.maxLength(view.private_metadata, SLACK_LIMITS.privateMetadata, `${at}/private_metadata`);
  checker.maxLength(view.callback_id, SLACK_LIMITS.callbackId, `${at}/callback_id`);
  if (checker.where === 'modal') {
    // modal: title required, plain_text ≤24; close and submit plain_text ≤24;
    // "submit is required when an input block is within the blocks array".
    checker.text(view.title, `${at}/title`, SLACK_LIMITS.viewTitle, 'plain_text');
    checker.text(view.close, `${at}/close`, SLACK_LIMITS.viewButton, 'plain_text', false);
    checker.text(view.submit, `${at}/submit`, SLACK_LIMITS.viewButton, 'plain_text', false);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      checker.fail(`${at}/submit`, 'submit is required when an input block is within the blocks array');
  }
  return checker.problems;
}

/** Message text beyond this is refused with `msg_too_long` (chat.postMessage: truncating). */
export function isMessageTooLong(text: unknown): boolean {
  return typeof text === 'string' && slackLength(text) > SLACK_LIMITS.messageText;
}
