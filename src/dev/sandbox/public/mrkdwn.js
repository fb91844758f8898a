// Slack's mrkdwn and plain_text, rendered to safe HTML for the sandbox: everything from the app is escaped
// first, then only Slack's own markup (*bold*, _italic_, ~strike~, `code`, ```pre```, > quotes, <links>,
// <@mentions>, :emoji:) becomes HTML. Never inserts unescaped text from a message.

const EMOJI = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  check: '✔️',
  x: '❌',
  negative_squared_cross_mark: '❎',
  warning: '⚠️',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  stopwatch: '⏱️',
  clock1: '🕐',
  clock3: '🕒',
  clock4: '🕓',
  alarm_clock: '⏰',
  calendar: '📆',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  sailboat: '⛵',
  boat: '⛵',
  ship: '🚢',
  anchor: '⚓',
  speedboat: '🚤',
  ocean: '🌊',
  sunny: '☀️',
  sunrise: '🌅',
  city_sunset: '🌆',
  star: '⭐',
  sparkles: '✨',
  tada: '🎉',
  confetti_ball: '🎊',
  champagne: '🍾',
  wave: '👋',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  eyes: '👀',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  man: '👨',
  woman: '👩',
  technologist: '🧑‍💻',
  pilot: '🧑‍✈️',
  email: '📧',
  envelope: '✉️',
  incoming_envelope: '📨',
  e_mail: '📧',
  mailbox: '📫',
  link: '🔗',
  globe_with_meridians: '🌐',
  page_facing_up: '📄',
  memo: '📝',
  pencil: '📝',
  pencil2: '✏️',
  clipboard: '📋',
  pushpin: '📌',
  round_pushpin: '📍',
  world_map: '🗺️',
  moneybag: '💰',
  money_with_wings: '💸',
  dollar: '💵',
  heavy_dollar_sign: '💲',
  chart_with_upwards_trend: '📈',
  bar_chart: '📊',
  receipt: '🧾',
  camera: '📷',
  camera_with_flash: '📸',
  frame_with_picture: '🖼️',
  arrows_counterclockwise: '🔄',
  repeat: '🔁',
  arrow_right: '➡️',
  arrow_forward: '▶️',
  leftwards_arrow_with_hook: '↩️',
  rocket: '🚀',
  bell: '🔔',
  no_bell: '🔕',
  mega: '📣',
  loudspeaker: '📢',
  lock: '🔒',
  unlock: '🔓',
  key: '🔑',
  gear: '⚙️',
  wrench: '🔧',
  hammer_and_wrench: '🛠️',
  zap: '⚡',
  fire: '🔥',
  construction: '🚧',
  checkered_flag: '🏁',
  triangular_flag_on_post: '🚩',
  red_circle: '🔴',
  large_green_circle: '🟢',
  green_circle: '🟢',
  large_yellow_circle: '🟡',
  yellow_circle: '🟡',
  large_orange_circle: '🟠',
  white_circle: '⚪',
  black_circle: '⚫',
  large_blue_circle: '🔵',
  radio_button: '🔘',
  heavy_minus_sign: '➖',
  heavy_plus_sign: '➕',
  grey_question: '❔',
  question: '❓',
  exclamation: '❗',
  information_source: 'ℹ️',
  bulb: '💡',
  thinking_face: '🤔',
  slightly_smiling_face: '🙂',
  smile: '😄',
  wastebasket: '🗑️',
  package: '📦',
  ticket: '🎫',
  house: '🏠',
  office: '🏢',
  phone: '📞',
  telephone_receiver: '📞',
  iphone: '📱',
  raising_hand: '🙋',
  raised_hand: '✋',
  mag: '🔍',
  mag_right: '🔎',
  small_red_triangle_down: '🔻',
  small_red_triangle: '🔺',
  small_blue_diamond: '🔹',
  small_orange_diamond: '🔸',
  calling: '📲',
  hourglass_done: '⌛',
  new: '🆕',
  spiral_note_pad: '🗒️',
  handshake: '🤝',
  crossed_fingers: '🤞',
  muscle: '💪',
  sos: '🆘',
  arrows_clockwise: '🔃',
  skull_and_crossbones: '☠️',
  person_in_steamy_room: '🧖',
  cocktail: '🍸',
  tropical_drink: '🍹',
  wine_glass: '🍷',
  fork_and_knife: '🍴',
  birthday: '🎂',
  ring: '💍',
  heart: '❤️',
  life_preserver: '🛟',
  ring_buoy: '🛟',
};

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function unescapeSlack(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function emojify(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => (EMOJI[name] ? EMOJI[name] : whole));
}

let rewriteLink = (url) => url;

/** Lets the page send links to the brands' real domains to their local copies instead. */
export function setLinkRewriter(rewrite) {
  rewriteLink = rewrite;
}

function safeHref(url) {
  return /^(https?:|mailto:)/i.test(url) ? rewriteLink(url) : '#';
}

/** plain_text objects: escaped text, with :emoji: when the object allows it (the default). */
export function plainToHtml(textObject) {
  if (!textObject) return '';
  const text = typeof textObject === 'string' ? textObject : textObject.text;
  const html = escapeHtml(text ?? '');
  return textObject.emoji === false ? html : emojify(html);
}

/** Slack mrkdwn to HTML. `people` maps user ids to names for <@U…> mentions. */
export function mrkdwnToHtml(source, people = {}) {
  const tokens = [];
  const keep = (html) => {
    tokens.push(html);
    return `\uE000${tokens.length - 1}\uE000`;
  };
  let text = String(source ?? '');

  text = text.replace(/```([\s\S]*?)```/g, (_, code) =>
    keep(`<pre class="md-pre">${escapeHtml(unescapeSlack(code))}</pre>`),
  );
  text = text.replace(/`([^`\n]+)`/g, (_, code) =>
    keep(`<code class="md-code">${escapeHtml(unescapeSlack(code))}</code>`),
  );
  text = text.replace(/<([^<>\n]+)>/g, (_, inner) => keep(renderAngle(inner, people)));

  const lines = unescapeSlack(text).split('\n');
  const out = [];
  let quote = [];
  const flushQuote = () => {
    if (quote.length) out.push(`<blockquote class="md-quote">${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of lines) {
    const isQuote = line.startsWith('>');
    const html = formatInline(escapeHtml(isQuote ? line.replace(/^>\s?/, '') : line));
    if (isQuote) quote.push(html);
    else {
      flushQuote();
      out.push(`${html}<br>`);
    }
  }
  flushQuote();
  let html = out.join('').replace(/<br>$/, '');
  html = html.replace(/<br>(<blockquote)/g, '$1');
  return html.replace(/\uE000(\d+)\uE000/g, (_, i) => tokens[Number(i)]);
}

function formatInline(html) {
  return emojify(
    html
      .replace(/(^|[\s(>_~])\*(?!\s)([^*\n]+?)\*(?=$|[\s.,:;!?)<_~'])/g, '$1<b>$2</b>')
      .replace(/(^|[\s(>*~])_(?!\s)([^_\n]+?)_(?=$|[\s.,:;!?)<*~'])/g, '$1<i>$2</i>')
      .replace(/(^|[\s(>*_])~(?!\s)([^~\n]+?)~(?=$|[\s.,:;!?)<*_'])/g, '$1<s>$2</s>'),
  );
}

function renderAngle(inner, people) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = label ?? people[id] ?? id;
    return `<span class="md-mention">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    // `<#C123>`: Slack shows the channel's name, as it does a person's for `<@U123>` (names holds both).
    const id = target.slice(1);
    return `<span class="md-mention">#${escapeHtml(label ?? people[id] ?? id)}</span>`;
  }
  if (target.startsWith('!')) {
    if (target.startsWith('!date^')) return escapeHtml(formatSlackDate(target, label));
    return `<span class="md-mention">@${escapeHtml(target.slice(1).split('^')[0])}</span>`;
  }
  const url = unescapeSlack(target);
  const shown = label === undefined ? url : unescapeSlack(label);
  return `<a href="${escapeHtml(safeHref(url))}" target="_blank" rel="noopener">${formatInline(escapeHtml(shown))}</a>`;
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** A text object of either kind. */
export function textToHtml(textObject, people) {
  if (!textObject) return '';
  return textObject.type === 'mrkdwn' ? mrkdwnToHtml(textObject.text, people) : plainToHtml(textObject);
}

/** `<!date^1392734382^{date_short_pretty} at {time}|fallback>`, in the reader's own time zone, as Slack does. */
function formatSlackDate(target, fallback) {
  const [, seconds, format] = target.split('^');
  const when = new Date(Number(seconds) * 1000);
  if (!format || Number.isNaN(when.getTime())) return unescapeSlack(fallback ?? '');
  const day = (options) => when.toLocaleDateString('en-US', options);
  const pretty = (plain) => {
    const start = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const days = Math.round((start(when) - start(new Date())) / 86_400_000);
    return { 0: 'today', [-1]: 'yesterday', 1: 'tomorrow' }[days] ?? plain;
  };
  const ago = () => {
    const minutes = Math.round((Date.now() - when.getTime()) / 60_000);
    if (Math.abs(minutes) < 1) return 'just now';
    if (Math.abs(minutes) < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
    const days = Math.round(hours / 24);
    return `${days} day${days === 1 ? '' : 's'} ago`;
  };
  const short = day({ month: 'short', day: 'numeric', year: 'numeric' });
  const long = day({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  const medium = day({ month: 'long', day: 'numeric', year: 'numeric' });
  const tokens = {
    date_num: `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')}`,
    date: medium,
    date_short: short,
    date_long: long,
    date_pretty: pretty(medium),
    date_short_pretty: pretty(short),
    date_long_pretty: pretty(long),
    time: when.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' }),
    time_secs: when.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    ago: ago(),
  };
  return format.replace(/\{(\w+)\}/g, (whole, name) => tokens[name] ?? whole);
}
