// Block Kit, rendered in the browser for the Slack sandbox: the blocks and elements the app uses in
// messages, modals and App Home, with Slack's own client-side behaviour (required fields and length checks
// before a form is sent, confirm dialogs, dispatch_action on inputs). Reads the state of a form back in the
// shape Slack sends to apps (view.state.values). Text is always escaped (see mrkdwn.js).

import { emojify, escapeHtml, plainToHtml, textToHtml } from './mrkdwn.js';

const readers = new WeakMap();
const writers = new WeakMap();

/**
 * ctx: { surface: 'message'|'modal'|'home', people: [{id, name}], channels: [{id, name}], errors: {blockId: text},
 *        onAction(action) → Promise, onSuggest(actionId, blockId, value) → Promise<{options, option_groups}>,
 *        confirm(dialog) → Promise<boolean> }
 */
export function renderBlocks(blocks, ctx) {
  const root = document.createElement('div');
  root.className = `bk-blocks bk-${ctx.surface}`;
  blocks.forEach((block, index) => {
    const blockId = block.block_id ?? `auto_${index}`;
    const node = renderBlock(block, blockId, ctx);
    if (node) {
      node.dataset.blockId = blockId;
      root.appendChild(node);
    }
  });
  return root;
}

function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

function peopleNames(ctx) {
  // Channels too, for `<#C…>`; people last, so a person's name always wins for their id.
  return Object.fromEntries([...(ctx.channels ?? []), ...(ctx.people ?? [])].map((p) => [p.id, p.name]));
}

function renderBlock(block, blockId, ctx) {
  switch (block.type) {
    case 'header':
      return el('div', 'bk-header', plainToHtml(block.text));
    case 'divider':
      return el('hr', 'bk-divider');
    case 'section':
      return renderSection(block, blockId, ctx);
    case 'context':
      return renderContext(block, ctx);
    case 'actions': {
      const row = el('div', 'bk-actions');
      (block.elements ?? []).forEach((element, i) => {
        row.appendChild(renderElement(element, blockId, ctx, { mode: 'action', index: i }));
      });
      return row;
    }
    case 'image': {
      const figure = el('figure', 'bk-image');
      if (block.title) figure.appendChild(el('figcaption', 'bk-image-title', plainToHtml(block.title)));
      const img = el('img');
      img.src = block.image_url ?? '';
      img.alt = block.alt_text ?? '';
      figure.appendChild(img);
      return figure;
    }
    case 'input':
      return renderInputBlock(block, blockId, ctx);
    case 'rich_text':
      return renderRichText(block, ctx);
    default:
      return el('div', 'bk-unsupported', `Unsupported block: ${escapeHtml(block.type)}`);
  }
}

function renderSection(block, blockId, ctx) {
  const section = el('div', 'bk-section');
  const main = el('div', 'bk-section-main');
  if (block.text) main.appendChild(el('div', 'bk-text', textToHtml(block.text, peopleNames(ctx))));
  if (Array.isArray(block.fields) && block.fields.length > 0) {
    const fields = el('div', 'bk-fields');
    for (const field of block.fields)
      fields.appendChild(el('div', 'bk-field', textToHtml(field, peopleNames(ctx))));
    main.appendChild(fields);
  }
  section.appendChild(main);
  if (block.accessory) {
    const accessory = el('div', 'bk-accessory');
    accessory.appendChild(renderElement(block.accessory, blockId, ctx, { mode: 'action', index: 0 }));
    section.appendChild(accessory);
  }
  return section;
}

function renderContext(block, ctx) {
  const row = el('div', 'bk-context');
  for (const element of block.elements ?? []) {
    if (element.type === 'image') {
      const img = el('img', 'bk-context-image');
      img.src = element.image_url ?? '';
      img.alt = element.alt_text ?? '';
      row.appendChild(img);
    } else row.appendChild(el('span', 'bk-context-text', textToHtml(element, peopleNames(ctx))));
  }
  return row;
}

let nextId = 0;
const uniqueId = (kind) => `bk-${kind}-${++nextId}`;

function renderInputBlock(block, blockId, ctx) {
  const wrapper = el('div', 'bk-input-block');
  const label = el('label', 'bk-label', plainToHtml(block.label));
  label.id = uniqueId('label');
  if (block.optional) label.appendChild(el('span', 'bk-optional', ' (optional)'));
  wrapper.appendChild(label);
  const control = renderElement(block.element, blockId, ctx, {
    mode: 'input',
    index: 0,
    dispatch: block.dispatch_action === true,
    optional: block.optional === true,
    label: block.label?.text ?? '',
  });
  wrapper.appendChild(control);
  const described = [];
  if (block.hint) {
    const hint = el('div', 'bk-hint', plainToHtml(block.hint));
    hint.id = uniqueId('hint');
    described.push(hint.id);
    wrapper.appendChild(hint);
  }
  const error = el('div', 'bk-error');
  error.id = uniqueId('error');
  described.push(error.id);
  error.setAttribute('role', 'alert');
  const message = ctx.errors?.[blockId];
  if (message) {
    error.textContent = message;
    wrapper.classList.add('bk-has-error');
  }
  wrapper.appendChild(error);
  nameControl(control, label, described, Boolean(message));
  return wrapper;
}

/**
 * Ties the block's label to its control, as Slack's client does: a screen reader (and a test's getByLabel)
 * names the field by its label, never by its placeholder, and reads the hint and the error with it.
 */
function nameControl(control, label, described, invalid) {
  const field = control.matches('input, select, textarea')
    ? control
    : control.querySelector('input:not([type=radio]):not([type=checkbox]), select, textarea');
  const target = field ?? control;
  if (field) {
    field.id ||= uniqueId('field');
    label.htmlFor = field.id;
  } else {
    // Radio buttons and checkboxes: the label names the group; each option keeps its own label.
    target.setAttribute('role', 'group');
    target.setAttribute('aria-labelledby', label.id);
  }
  target.setAttribute('aria-describedby', described.join(' '));
  if (invalid) target.setAttribute('aria-invalid', 'true');
}

// ── elements ───────────────────────────────────────────────────────────────

function renderElement(element, blockId, ctx, options) {
  const actionId = element.action_id ?? `auto_action_${options.index}`;
  const base = { action_id: actionId, block_id: blockId };
  const fire = (value) => ctx.onAction({ ...base, type: element.type, ...value });
  switch (element.type) {
    case 'button':
      return renderButton(element, base, ctx);
    case 'overflow':
      return renderOverflow(element, base, ctx);
    case 'image': {
      const img = el('img', 'bk-accessory-image');
      img.src = element.image_url ?? '';
      img.alt = element.alt_text ?? '';
      return img;
    }
    case 'static_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return withState(renderSingleSelect(element, ctx), element, base, options, fire);
    case 'multi_static_select':
    case 'multi_users_select':
      return withState(renderMultiSelect(element, ctx), element, base, options, fire);
    case 'external_select':
      return withState(renderExternalSelect(element, base, ctx), element, base, options, fire);
    case 'datepicker':
    case 'timepicker':
    case 'datetimepicker':
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'rich_text_input':
      return withState(renderTextual(element), element, base, options, fire);
    case 'checkboxes':
    case 'radio_buttons':
      return withState(renderChoices(element, base), element, base, options, fire);
    default:
      return el('span', 'bk-unsupported', `Unsupported element: ${escapeHtml(element.type)}`);
  }
}

/**
 * Registers how to read and restore an element's value, marks it as part of the form's state, and wires
 * when it fires block_actions: at once in messages, on change (or Enter, for text) with dispatch_action.
 */
function withState(control, element, base, options, fire) {
  const node = control.node;
  node.dataset.bkInput = 'true';
  node.dataset.blockId = base.block_id;
  node.dataset.actionId = base.action_id;
  node.dataset.type = element.type;
  if (options.optional) node.dataset.optional = 'true';
  if (options.label) node.dataset.label = options.label;
  readers.set(node, control.read);
  writers.set(node, control.write);
  node.bkValidate = control.validate ?? (() => undefined);
  const immediate = options.mode === 'action';
  const textual = [
    'plain_text_input',
    'number_input',
    'email_text_input',
    'url_text_input',
    'rich_text_input',
  ];
  if (immediate || options.dispatch) {
    const triggers = element.dispatch_action_config?.trigger_actions_on ?? ['on_enter_pressed'];
    if (textual.includes(element.type)) {
      if (triggers.includes('on_enter_pressed')) {
        node.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' && !event.shiftKey && node.tagName !== 'TEXTAREA') {
            event.preventDefault();
            fire(control.read());
          }
        });
      }
      if (triggers.includes('on_character_entered')) {
        // One request when typing pauses, not one per key: each answer redraws the view and changes its hash,
        // so a burst of per-key requests would all carry a stale hash and the app would drop the last one.
        let pause;
        node.addEventListener('input', () => {
          clearTimeout(pause);
          pause = setTimeout(() => fire(control.read()), 250);
        });
      }
    } else {
      node.addEventListener('bk-change', () => fire(control.read()));
    }
  }
  return node;
}

function renderButton(element, base, ctx) {
  const button = el(
    'button',
    `bk-button${element.style ? ` bk-${element.style}` : ''}`,
    plainToHtml(element.text),
  );
  button.type = 'button';
  button.dataset.actionId = base.action_id;
  if (element.accessibility_label) button.setAttribute('aria-label', element.accessibility_label);
  button.addEventListener('click', async () => {
    if (element.confirm && !(await ctx.confirm(element.confirm))) return;
    if (element.url) window.open(element.url, '_blank', 'noopener');
    button.disabled = true;
    button.classList.add('bk-busy');
    try {
      await ctx.onAction({
        ...base,
        type: 'button',
        text: element.text,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(element.style ? { style: element.style } : {}),
      });
    } finally {
      button.disabled = false;
      button.classList.remove('bk-busy');
    }
  });
  return button;
}

function renderOverflow(element, base, ctx) {
  const wrapper = el('div', 'bk-overflow');
  const toggle = el('button', 'bk-button bk-overflow-toggle', '⋯');
  toggle.type = 'button';
  toggle.setAttribute('aria-label', 'More actions');
  const menu = el('div', 'bk-menu');
  menu.hidden = true;
  for (const option of element.options ?? []) {
    const item = el('button', 'bk-menu-item', plainToHtml(option.text));
    item.type = 'button';
    item.addEventListener('click', async () => {
      menu.hidden = true;
      if (element.confirm && !(await ctx.confirm(element.confirm))) return;
      if (option.url) window.open(option.url, '_blank', 'noopener');
      await ctx.onAction({ ...base, type: 'overflow', selected_option: option });
    });
    menu.appendChild(item);
  }
  toggle.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
  });
  wrapper.append(toggle, menu);
  return wrapper;
}

function optionsOf(element, ctx) {
  if (element.type === 'users_select' || element.type === 'multi_users_select') {
    return (ctx.people ?? []).map((p) => ({ text: { type: 'plain_text', text: p.name }, value: p.id }));
  }
  if (element.type === 'conversations_select' || element.type === 'channels_select') {
    return (ctx.channels ?? []).map((c) => ({
      text: { type: 'plain_text', text: `#${c.name}` },
      value: c.id,
    }));
  }
  const flat = [...(element.options ?? [])];
  for (const group of element.option_groups ?? []) flat.push(...(group.options ?? []));
  return flat;
}

function fillOptions(select, element, ctx) {
  const groups = element.option_groups;
  if (Array.isArray(groups) && groups.length > 0) {
    for (const group of groups) {
      const optgroup = document.createElement('optgroup');
      optgroup.label = group.label?.text ?? '';
      for (const option of group.options ?? []) optgroup.appendChild(optionNode(option));
      select.appendChild(optgroup);
    }
  } else for (const option of optionsOf(element, ctx)) select.appendChild(optionNode(option));
}

/** A native <option> has one line, so an option's description follows its text, as on Slack's second line. */
function optionNode(option) {
  const node = document.createElement('option');
  node.value = option.value;
  const text = option.text?.text ?? option.value;
  const description = option.description?.text;
  node.textContent = description ? `${text} — ${description}` : text;
  return node;
}

function renderSingleSelect(element, ctx) {
  const select = el('select', 'bk-select');
  const placeholder = el('option', '', escapeHtml(element.placeholder?.text ?? 'Select an item'));
  placeholder.value = '';
  placeholder.disabled = true;
  select.appendChild(placeholder);
  fillOptions(select, element, ctx);
  const all = optionsOf(element, ctx);
  const initial =
    element.initial_option?.value ??
    element.initial_user ??
    element.initial_conversation ??
    element.initial_channel;
  select.value = initial ?? '';
  select.addEventListener('change', () => select.dispatchEvent(new Event('bk-change')));
  const key = {
    static_select: 'selected_option',
    users_select: 'selected_user',
    conversations_select: 'selected_conversation',
    channels_select: 'selected_channel',
  }[element.type];
  return {
    node: select,
    read() {
      if (element.type !== 'static_select') return { [key]: select.value || null };
      const option = all.find((o) => o.value === select.value);
      return { selected_option: option ? { text: option.text, value: option.value } : null };
    },
    write(state) {
      const value = element.type === 'static_select' ? state.selected_option?.value : state[key];
      if (value !== undefined && value !== null) select.value = value;
    },
    validate() {
      return select.value ? undefined : 'Please select an option.';
    },
  };
}

function renderMultiSelect(element, ctx) {
  const wrapper = el('div', 'bk-multi');
  wrapper.tabIndex = -1;
  const chips = el('div', 'bk-chips');
  const select = el('select', 'bk-select');
  const placeholder = el('option', '', escapeHtml(element.placeholder?.text ?? 'Select items'));
  placeholder.value = '';
  select.appendChild(placeholder);
  fillOptions(select, element, ctx);
  const all = optionsOf(element, ctx);
  const users = element.type === 'multi_users_select';
  let selected = users
    ? [...(element.initial_users ?? [])]
    : (element.initial_options ?? []).map((o) => o.value);

  const draw = () => {
    chips.innerHTML = '';
    for (const value of selected) {
      const option = all.find((o) => o.value === value);
      const chip = el('span', 'bk-chip', escapeHtml(option?.text?.text ?? value));
      const remove = el('button', 'bk-chip-remove', '×');
      remove.type = 'button';
      remove.setAttribute('aria-label', `Remove ${option?.text?.text ?? value}`);
      remove.addEventListener('click', () => {
        selected = selected.filter((v) => v !== value);
        draw();
        wrapper.dispatchEvent(new Event('bk-change'));
      });
      chip.appendChild(remove);
      chips.appendChild(chip);
    }
    for (const node of select.querySelectorAll('option')) {
      if (node.value) node.disabled = selected.includes(node.value);
    }
    select.value = '';
  };
  select.addEventListener('change', () => {
    const max = element.max_selected_items ?? Number.POSITIVE_INFINITY;
    if (select.value && !selected.includes(select.value) && selected.length < max) {
      selected = [...selected, select.value];
      draw();
      wrapper.dispatchEvent(new Event('bk-change'));
    } else select.value = '';
  });
  wrapper.append(chips, select);
  draw();
  return {
    node: wrapper,
    read() {
      if (users) return { selected_users: [...selected] };
      return {
        selected_options: selected
          .map((v) => all.find((o) => o.value === v))
          .filter(Boolean)
          .map((o) => ({ text: o.text, value: o.value })),
      };
    },
    write(state) {
      const values = users ? state.selected_users : state.selected_options?.map((o) => o.value);
      if (Array.isArray(values)) {
        selected = values.filter((v) => all.some((o) => o.value === v));
        draw();
      }
    },
    validate() {
      return selected.length > 0 ? undefined : 'Please select at least one option.';
    },
  };
}

function renderExternalSelect(element, base, ctx) {
  const wrapper = el('div', 'bk-external');
  const input = el('input', 'bk-input');
  input.type = 'text';
  input.placeholder = element.placeholder?.text ?? 'Type to search';
  const list = el('div', 'bk-menu');
  list.hidden = true;
  let selected = element.initial_option ?? null;
  if (selected) input.value = selected.text?.text ?? selected.value;
  let timer;
  input.addEventListener('input', () => {
    selected = null;
    clearTimeout(timer);
    const query = input.value;
    if (query.length < (element.min_query_length ?? 3)) {
      list.hidden = true;
      return;
    }
    timer = setTimeout(async () => {
      const answer = await ctx.onSuggest(base.action_id, base.block_id, query);
      const options = [...(answer.options ?? [])];
      for (const group of answer.option_groups ?? []) options.push(...(group.options ?? []));
      list.innerHTML = '';
      for (const option of options) {
        const item = el('button', 'bk-menu-item', plainToHtml(option.text));
        if (option.description)
          item.appendChild(el('div', 'bk-option-description', plainToHtml(option.description)));
        item.type = 'button';
        item.addEventListener('click', () => {
          selected = { text: option.text, value: option.value };
          input.value = option.text?.text ?? option.value;
          list.hidden = true;
          wrapper.dispatchEvent(new Event('bk-change'));
        });
        list.appendChild(item);
      }
      list.hidden = options.length === 0;
    }, 200);
  });
  wrapper.append(input, list);
  return {
    node: wrapper,
    read: () => ({ selected_option: selected }),
    write(state) {
      if (state.selected_option) {
        selected = state.selected_option;
        input.value = selected.text?.text ?? selected.value;
      }
    },
    validate: () => (selected ? undefined : 'Please select an option.'),
  };
}

function renderTextual(element) {
  const multiline = element.type === 'rich_text_input' || element.multiline === true;
  const input = el(multiline ? 'textarea' : 'input', multiline ? 'bk-textarea' : 'bk-input');
  const kinds = {
    datepicker: 'date',
    timepicker: 'time',
    datetimepicker: 'datetime-local',
    number_input: 'number',
    email_text_input: 'email',
    url_text_input: 'url',
  };
  if (!multiline) input.type = kinds[element.type] ?? 'text';
  if (element.placeholder) input.placeholder = element.placeholder.text ?? '';
  if (element.type === 'number_input') {
    input.step = element.is_decimal_allowed ? 'any' : '1';
    if (element.min_value !== undefined) input.min = element.min_value;
    if (element.max_value !== undefined) input.max = element.max_value;
    input.inputMode = element.is_decimal_allowed ? 'decimal' : 'numeric';
  }
  if (element.max_length) input.maxLength = element.max_length;
  if (element.focus_on_load) input.autofocus = true;
  const initial = {
    datepicker: element.initial_date,
    timepicker: element.initial_time,
    datetimepicker: element.initial_date_time
      ? new Date(element.initial_date_time * 1000).toISOString().slice(0, 16)
      : undefined,
  }[element.type];
  input.value = initial ?? element.initial_value ?? '';
  input.addEventListener('change', () => input.dispatchEvent(new Event('bk-change')));

  const read = () => {
    const value = input.value;
    switch (element.type) {
      case 'datepicker':
        return { selected_date: value || null };
      case 'timepicker':
        return { selected_time: value || null, ...(element.timezone ? { timezone: element.timezone } : {}) };
      case 'datetimepicker':
        return { selected_date_time: value ? Math.floor(new Date(value).getTime() / 1000) : null };
      case 'rich_text_input':
        return {
          rich_text_value: {
            type: 'rich_text',
            elements: [{ type: 'rich_text_section', elements: value ? [{ type: 'text', text: value }] : [] }],
          },
        };
      default:
        return { value: value === '' ? null : value };
    }
  };
  const write = (state) => {
    const value = state.value ?? state.selected_date ?? state.selected_time;
    if (value !== undefined && value !== null) input.value = value;
  };
  const validate = () => {
    const value = input.value;
    if (value === '') return 'Please complete this required field.';
    if (element.min_length && value.length < element.min_length) {
      return `Please enter at least ${element.min_length} characters.`;
    }
    if (element.type === 'number_input') {
      const number = Number(value);
      if (!Number.isFinite(number) || (!element.is_decimal_allowed && !Number.isInteger(number))) {
        return element.is_decimal_allowed ? 'Please enter a number.' : 'Please enter a whole number.';
      }
      if (element.min_value !== undefined && number < Number(element.min_value)) {
        return `Please enter a number of at least ${element.min_value}.`;
      }
      if (element.max_value !== undefined && number > Number(element.max_value)) {
        return `Please enter a number no greater than ${element.max_value}.`;
      }
    }
    if (element.type === 'email_text_input' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      return 'Please enter a valid email address.';
    }
    if (element.type === 'url_text_input' && !/^https?:\/\/\S+$/.test(value))
      return 'Please enter a valid URL.';
    return undefined;
  };
  return { node: input, read, write, validate, optionalCheck: true };
}

function renderChoices(element, base) {
  const wrapper = el('div', 'bk-choices');
  const multiple = element.type === 'checkboxes';
  const initial = multiple
    ? (element.initial_options ?? []).map((o) => o.value)
    : [element.initial_option?.value].filter(Boolean);
  for (const option of element.options ?? []) {
    const label = el('label', 'bk-choice');
    const input = el('input');
    input.type = multiple ? 'checkbox' : 'radio';
    input.name = `${base.block_id}.${base.action_id}`;
    input.value = option.value;
    input.checked = initial.includes(option.value);
    input.addEventListener('change', () => wrapper.dispatchEvent(new Event('bk-change')));
    const text = el('span', 'bk-choice-text');
    text.appendChild(el('span', '', textToHtml(option.text)));
    if (option.description)
      text.appendChild(el('span', 'bk-option-description', textToHtml(option.description)));
    label.append(input, text);
    wrapper.appendChild(label);
  }
  const checked = () =>
    [...wrapper.querySelectorAll('input:checked')]
      .map((input) => (element.options ?? []).find((o) => o.value === input.value))
      .filter(Boolean)
      .map((o) => ({ text: o.text, value: o.value }));
  return {
    node: wrapper,
    read: () => (multiple ? { selected_options: checked() } : { selected_option: checked()[0] ?? null }),
    write(state) {
      const values = multiple
        ? (state.selected_options ?? []).map((o) => o.value)
        : [state.selected_option?.value];
      for (const input of wrapper.querySelectorAll('input')) input.checked = values.includes(input.value);
    },
    validate: () => (checked().length > 0 ? undefined : 'Please select an option.'),
  };
}

// ── rich text ──────────────────────────────────────────────────────────────

function renderRichText(block, ctx) {
  const root = el('div', 'bk-rich-text');
  for (const part of block.elements ?? []) root.appendChild(renderRichPart(part, ctx));
  return root;
}

function renderRichPart(part, ctx) {
  switch (part.type) {
    case 'rich_text_list': {
      const list = el(part.style === 'ordered' ? 'ol' : 'ul', 'bk-rich-list');
      for (const item of part.elements ?? []) {
        const li = el('li');
        li.appendChild(renderRichPart(item, ctx));
        list.appendChild(li);
      }
      return list;
    }
    case 'rich_text_preformatted':
      return el('pre', 'md-pre', inlineRich(part.elements, ctx));
    case 'rich_text_quote':
      return el('blockquote', 'md-quote', inlineRich(part.elements, ctx));
    default:
      return el('div', 'bk-rich-section', inlineRich(part.elements, ctx));
  }
}

function inlineRich(elements, ctx) {
  const names = peopleNames(ctx);
  return (elements ?? [])
    .map((item) => {
      let html;
      switch (item.type) {
        case 'link':
          html = `<a href="${escapeHtml(/^https?:/.test(item.url) ? item.url : '#')}" target="_blank" rel="noopener">${escapeHtml(item.text ?? item.url)}</a>`;
          break;
        case 'emoji':
          html = emojify(`:${escapeHtml(item.name)}:`);
          break;
        case 'user':
          html = `<span class="md-mention">@${escapeHtml(names[item.user_id] ?? item.user_id)}</span>`;
          break;
        case 'channel':
          html = `<span class="md-mention">#${escapeHtml(item.channel_id)}</span>`;
          break;
        default:
          html = escapeHtml(item.text ?? '').replace(/\n/g, '<br>');
      }
      const style = item.style ?? {};
      if (style.code) html = `<code class="md-code">${html}</code>`;
      if (style.bold) html = `<b>${html}</b>`;
      if (style.italic) html = `<i>${html}</i>`;
      if (style.strike) html = `<s>${html}</s>`;
      return html;
    })
    .join('');
}

// ── forms ──────────────────────────────────────────────────────────────────

/** The form's state as Slack sends it: {block_id: {action_id: {type, …value}}}. */
export function collectState(root) {
  const values = {};
  for (const node of root.querySelectorAll('[data-bk-input]')) {
    const read = readers.get(node);
    if (!read) continue;
    const { blockId, actionId, type } = node.dataset;
    values[blockId] ??= {};
    values[blockId][actionId] = { type, ...read() };
  }
  return values;
}

/** Puts earlier values back after a re-render (Slack keeps input state across views.update). */
export function restoreState(root, values) {
  for (const node of root.querySelectorAll('[data-bk-input]')) {
    const state = values?.[node.dataset.blockId]?.[node.dataset.actionId];
    const write = writers.get(node);
    if (state && write) write(state);
  }
}

/** Slack's own checks before a form is sent: required fields, lengths, number ranges, email format. */
export function validateForm(root) {
  const errors = {};
  for (const node of root.querySelectorAll('.bk-input-block [data-bk-input]')) {
    const empty = isEmpty(readers.get(node)?.());
    if (empty && node.dataset.optional === 'true') continue;
    const message = node.bkValidate?.();
    if (message) errors[node.dataset.blockId] = message;
  }
  return errors;
}

function isEmpty(value) {
  if (!value) return true;
  return Object.values(value).every(
    (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

/** Shows (or clears) inline errors under input blocks. */
export function showErrors(root, errors) {
  for (const block of root.querySelectorAll('.bk-input-block')) {
    const id = block.dataset.blockId;
    const message = errors?.[id];
    const slot = block.querySelector('.bk-error');
    if (slot) slot.textContent = message ?? '';
    block.classList.toggle('bk-has-error', Boolean(message));
  }
}
