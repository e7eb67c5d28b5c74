/*
 * Submit, Publish and Save draft never race Wagtail's autosave (issue 12 item 2).
 *
 * Wagtail's autosave (`w-autosave` on the editor form) saves in the background; on a create view its
 * first save creates the page or snippet and turns the form into the edit form. A button clicked while
 * that save is in flight would post the create form a second time. So:
 *
 * - every create form carries a random creation key (`pcru_creation_key`): the server makes one object
 *   per key and carries any later post of that form on in the edit view (publication/moderation/autosave.py);
 * - a submit while an autosave is in flight waits for it to finish, then goes ahead with the same button,
 *   to wherever the form now posts (the edit view, once the page exists);
 * - once a submit goes ahead, autosave stops, so no background save starts while the browser is leaving;
 * - rich text typed in the last quarter second is written to its field first: Draftail saves its state to
 *   the form 250 ms after the last keystroke, and a quick click would otherwise post the older text.
 */
(() => {
  const KEY_NAME = 'pcru_creation_key';
  const FORM_SELECTOR = 'form[data-edit-form]';
  const STUCK_AFTER_MS = 60000; // never hold a submit for ever, whatever happens to the autosave

  let saving = false;
  let heldSubmitter = null;
  let stuckTimer = null;

  const editForm = () => document.querySelector(FORM_SELECTOR);

  function randomKey() {
    // crypto.getRandomValues works on plain http too (crypto.randomUUID needs a secure context).
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function addCreationKey(form) {
    if (!form || form.querySelector(`input[name="${KEY_NAME}"]`)) return;
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = KEY_NAME;
    input.value = randomKey();
    form.prepend(input);
  }

  function stopAutosave(form) {
    if (form && form.hasAttribute('data-w-autosave-interval-value')) {
      form.setAttribute('data-w-autosave-active-value', 'false');
    }
  }

  function flushRichText(form) {
    // Wagtail binds each Draftail editor to its hidden input as `draftailEditor`; with comments on, its
    // CommentableEditor writes the input 250 ms after the last change, without comment styles. Do the same now.
    const serialise = window.Draftail && window.Draftail.serialiseEditorStateToRaw;
    if (typeof serialise !== 'function') return;
    form.querySelectorAll('input[type="hidden"]').forEach((input) => {
      const editor = input.draftailEditor;
      if (!editor || typeof editor.getEditorState !== 'function') return;
      const raw = serialise(editor.getEditorState());
      if (raw) {
        raw.blocks.forEach((block) => {
          block.inlineStyleRanges = (block.inlineStyleRanges || []).filter(
            (range) => !String(range.style).startsWith('COMMENT-'),
          );
        });
      }
      const value = JSON.stringify(raw);
      if (input.value !== value) {
        input.rawContentState = raw;
        input.value = value;
      }
    });
  }

  function setBusy(form, busy) {
    form.toggleAttribute('aria-busy', busy);
    form.classList.toggle('pcru-waiting-for-autosave', busy);
  }

  function release() {
    saving = false;
    clearTimeout(stuckTimer);
    const held = heldSubmitter;
    heldSubmitter = null;
    const form = editForm();
    if (!held || !form) return;
    setBusy(form, false);
    // The footer may have been replaced by the hydrated edit view: find the button again by name.
    const button = Array.from(form.querySelectorAll('button[type="submit"], input[type="submit"]')).find(
      (candidate) => candidate.name === held.name && candidate.value === held.value && !candidate.disabled,
    );
    if (button) {
      form.requestSubmit(button);
      return;
    }
    if (held.name) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = held.name;
      input.value = held.value;
      form.append(input);
    }
    form.requestSubmit();
  }

  document.addEventListener('w-autosave:save', (event) => {
    saving = true;
    // Another listener may cancel the save; then no success or error will follow.
    queueMicrotask(() => {
      if (event.defaultPrevented) release();
    });
  });
  ['w-autosave:success', 'w-autosave:error', 'w-autosave:deactivated'].forEach((name) => {
    document.addEventListener(name, release);
  });

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.matches(FORM_SELECTOR)) return;
      flushRichText(form); // the submit event comes before the browser reads the form's fields
      if (saving) {
        event.preventDefault();
        event.stopImmediatePropagation();
        if (!heldSubmitter) {
          const submitter = event.submitter;
          heldSubmitter = { name: submitter ? submitter.name : '', value: submitter ? submitter.value : '' };
          setBusy(form, true);
          clearTimeout(stuckTimer);
          stuckTimer = setTimeout(release, STUCK_AFTER_MS);
        }
        return;
      }
      stopAutosave(form);
    },
    true,
  );

  function init() {
    const form = editForm();
    // Only a create form needs a key: its action is Wagtail's add URL until the first save.
    if (form && !form.querySelector('input[name="loaded_revision_id"]')) addCreationKey(form);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
