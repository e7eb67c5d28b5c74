/*
 * Policy findings in the editor, live (issue 12 item 1).
 *
 * Shortly after typing stops, the whole edit form is posted to the panel's endpoint (the same
 * form Wagtail's preview posts; nothing is saved) and the panel lists what comes back. Clicking a
 * finding scrolls to its field or StreamField block, outlines it and highlights the words (the CSS
 * Custom Highlight API in rich text, the selection in plain inputs).
 */
(() => {
  'use strict';

  const DEBOUNCE_MS = 800;
  const EVENTS = ['input', 'change', 'keyup', 'paste', 'drop', 'cut'];

  function editForm() {
    return document.querySelector('form[data-edit-form]');
  }

  function csrfToken(form) {
    const input = form.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : '';
  }

  /** The element a finding's field key points at: "title", "body[2].paragraph", "body[0].image.caption". */
  function targetFor(form, field) {
    if (!field) return null;
    const stream = /^(\w+)\[(\d+)\]\.(\w+)(?:\.(\w+))?$/.exec(field);
    if (stream) {
      const [, name, index, , part] = stream;
      const wrapper =
        form.querySelector(`[data-contentpath="${name}"]`) ||
        form.querySelector(`#panel-child-content-${name}-section, [data-field-wrapper] #${name}-count`);
      const container = (wrapper || form).querySelector('[data-streamfield-stream-container]');
      if (!container) return null;
      const children = Array.from(container.children).filter((el) => el.matches('[data-streamfield-child]'));
      const block = children[Number(index)] || null;
      if (block && part) {
        const sub = block.querySelector(`[data-contentpath="${part}"]`);
        if (sub) return sub;
      }
      return block;
    }
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (!input) return null;
    return input.closest('[data-field-wrapper], .w-field__wrapper, .w-field') || input;
  }

  /** A Range over the first occurrence of `text` in the text nodes under `root`, or null. */
  function rangeOf(root, text) {
    if (!text) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let whole = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push([node, whole.length]);
      whole += node.data;
    }
    const at = whole.indexOf(text);
    if (at < 0) return null;
    const end = at + text.length;
    const range = document.createRange();
    for (const [node, offset] of nodes) {
      if (offset <= at && at <= offset + node.data.length) {
        range.setStart(node, at - offset);
        break;
      }
    }
    for (const [node, offset] of nodes) {
      if (offset <= end && end <= offset + node.data.length) {
        range.setEnd(node, end - offset);
        break;
      }
    }
    return range;
  }

  function goTo(form, field, match) {
    const target = targetFor(form, field);
    if (!target) return false;
    // A collapsed panel or block would hide the text: open it first.
    target.querySelectorAll('[aria-expanded="false"][data-panel-toggle]').forEach((toggle) => toggle.click());
    document.querySelectorAll('.pcru-finding-target').forEach((el) => el.classList.remove('pcru-finding-target'));
    target.classList.add('pcru-finding-target');
    target.scrollIntoView({ behavior: 'smooth', block: 'center' });
    const input = target.matches('input, textarea') ? target : target.querySelector('input[type="text"], textarea');
    const editable = target.querySelector('[contenteditable="true"]');
    if (editable && match && window.CSS && CSS.highlights && window.Highlight) {
      const range = rangeOf(editable, match);
      if (range) CSS.highlights.set('pcru-finding', new Highlight(range));
      editable.focus({ preventScroll: true });
    } else if (input) {
      input.focus({ preventScroll: true });
      const at = match ? input.value.indexOf(match) : -1;
      if (at >= 0 && input.setSelectionRange) input.setSelectionRange(at, at + match.length);
    }
    target.dataset.pcruFindingField = field;
    return true;
  }

  function render(root, findings) {
    const list = root.querySelector('[data-policy-findings-list]');
    const template = root.querySelector('template[data-policy-findings-template]');
    list.replaceChildren();
    for (const finding of findings) {
      const item = template.content.firstElementChild.cloneNode(true);
      item.classList.remove('pcru-finding--error');
      item.classList.add(`pcru-finding--${finding.severity}`);
      const button = item.querySelector('button');
      button.dataset.field = finding.field || '';
      button.dataset.match = finding.match || '';
      for (const part of ['severity_label', 'field_label', 'message', 'match_display']) {
        const el = item.querySelector(`[data-part="${part}"]`);
        el.textContent = finding[part] || '';
        el.hidden = !finding[part];
      }
      const suggestion = item.querySelector('[data-part="suggestion"]');
      suggestion.textContent = finding.suggestion ? `${root.dataset.labelSuggestion} ${finding.suggestion}` : '';
      suggestion.hidden = !finding.suggestion;
      list.append(item);
    }
  }

  function setCount(count) {
    const counter = document.querySelector('[data-side-panel-toggle="policy-findings"] [data-side-panel-toggle-counter]');
    if (!counter) return;
    counter.textContent = String(count);
    counter.hidden = count === 0;
  }

  function init(root) {
    if (root.dataset.pcruReady) return;
    root.dataset.pcruReady = 'true';
    const form = editForm();
    if (!form) return;
    const status = root.querySelector('[data-policy-findings-status]');
    const maxBytes = Number(root.dataset.maxBytes || 0);
    let timer = null;
    let controller = null;

    root.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-field]');
      if (button) goTo(form, button.dataset.field, button.dataset.match);
    });

    async function check() {
      const data = new FormData(form);
      let size = 0;
      for (const value of data.values()) size += typeof value === 'string' ? value.length * 3 : value.size;
      if (maxBytes && size > maxBytes) {
        status.textContent = root.dataset.labelTooLong;
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      root.setAttribute('aria-busy', 'true');
      status.textContent = root.dataset.labelChecking;
      try {
        const response = await fetch(root.dataset.endpoint, {
          method: 'POST',
          body: data,
          credentials: 'same-origin',
          headers: { 'X-CSRFToken': csrfToken(form), 'X-Requested-With': 'XMLHttpRequest' },
          signal: controller.signal,
        });
        const payload = await response.json();
        if (!response.ok) {
          status.textContent = payload.message || root.dataset.labelFailed;
          return;
        }
        render(root, payload.findings);
        setCount(payload.findings.length);
        status.textContent = payload.findings.length
          ? root.dataset.labelSummary
              .replace('{errors}', payload.counts.error)
              .replace('{warnings}', payload.counts.warning)
          : root.dataset.labelNone;
        root.dataset.checkedAt = String(Date.now());
      } catch (error) {
        if (error.name !== 'AbortError') status.textContent = root.dataset.labelFailed;
      } finally {
        root.removeAttribute('aria-busy');
      }
    }

    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DEBOUNCE_MS);
    };
    EVENTS.forEach((name) => form.addEventListener(name, schedule, true));
    // Rich text editors keep their value in a hidden input that they update without events on the form.
    new MutationObserver(schedule).observe(form, { subtree: true, characterData: true, childList: true });
    check();
  }

  function start() {
    document.querySelectorAll('[data-policy-findings]').forEach(init);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
  // Side panels can be re-rendered (Wagtail's edit view hydrates them after a save).
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      start();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
