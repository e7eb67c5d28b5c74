/**
 * Slugs that keep Thai words whole, in the Wagtail admin (issue 12, item 3).
 *
 * Wagtail's slug controller (`w-slug`: the title → slug sync of the page editor, the slug clean-up on
 * blur, the copy form) keeps only `\p{L}\p{N}`, so Thai vowels and tone marks (combining marks) were
 * lost. This file subclasses that very controller, replaces its `slugify` and `urlify` when unicode
 * slugs are on (Wagtail's behaviour is kept when WAGTAIL_ALLOW_UNICODE_SLUGS is False), and
 * registers it again under `w-slug`: Stimulus swaps the controller on every slug field, and Wagtail's
 * formatters, trimming and title/slug comparison still apply.
 *
 * `slugifyThai` is `slugify_thai` of publication/pages/slugs.py, rule for rule: change both together
 * (tests/pages/test_slugs.py compares them with node).
 */
(() => {
  const THAI_MARK = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u;
  const KEPT = /[\p{L}\p{N}_]/u;
  const DROPPED = /[\p{M}\p{Cf}'\u2019\u02BC]/u;
  const PREPOSED_VOWELS = new Set(['\u0E40', '\u0E41', '\u0E42', '\u0E43', '\u0E44']);
  const THOUSANDS_COMMA = /(?<=[0-9\u0E50-\u0E59]),(?=[0-9\u0E50-\u0E59]{3})/gu;
  const SARA_AM = /([\u0E48-\u0E4B]?)\u0E4D([\u0E48-\u0E4B]?)\u0E32/gu;
  const SLUG_MAX_LENGTH = 80;

  const shorten = (slug, maxLength) => {
    const chars = Array.from(slug); // code points, as Python counts them
    if (chars.length <= maxLength) return slug;
    let cut = maxLength;
    while (cut > 0 && THAI_MARK.test(chars[cut])) cut -= 1;
    while (cut > 0 && PREPOSED_VOWELS.has(chars[cut - 1])) cut -= 1;
    let head = chars.slice(0, cut);
    const lastSeparator = head.lastIndexOf('-');
    if (chars[cut] !== '-' && lastSeparator >= Math.floor(maxLength / 2)) {
      head = head.slice(0, lastSeparator);
    }
    return head.join('').replace(/^[-_]+|[-_]+$/g, '');
  };

  const slugifyThai = (value, maxLength = SLUG_MAX_LENGTH) => {
    if (maxLength < 1) throw new RangeError('maxLength must be at least 1');
    const text = String(value)
      .normalize('NFC')
      .replaceAll('\u0E40\u0E40', '\u0E41')
      .replace(SARA_AM, '$1$2\u0E33')
      .replace(THOUSANDS_COMMA, '')
      .toLowerCase();
    let kept = '';
    let followsLetter = false; // a Thai mark belongs to the letter (or digit, or mark) before it
    for (const char of text) {
      if (THAI_MARK.test(char)) {
        if (followsLetter) kept += char;
      } else if (KEPT.test(char)) {
        kept += char;
        followsLetter = char !== '_';
      } else if (!DROPPED.test(char)) {
        kept += '-';
        followsLetter = false;
      }
    }
    const slug = kept.replace(/-{2,}/g, '-').replace(/^[-_]+|[-_]+$/g, '');
    return shorten(slug, maxLength);
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = { slugifyThai, SLUG_MAX_LENGTH }; // node, for the parity test
  }

  const app = typeof window !== 'undefined' && window.wagtail && window.wagtail.app;
  if (!app) return;
  const wagtailSlug = app.router.modules.find((module) => module.identifier === 'w-slug');
  if (!wagtailSlug) {
    console.error('pages/js/thai-slug.js: no w-slug controller registered; Thai slugs lose their vowels.');
    return;
  }

  class ThaiSlugController extends wagtailSlug.definition.controllerConstructor {
    static slugifyThai = slugifyThai;

    /** A slug typed or pasted into the slug field, cleaned when the field loses focus. */
    slugify(event, { ignoreUpdate = false, runFormat = !ignoreUpdate } = {}) {
      return this.thaiSlug('slugify', event, { ignoreUpdate, runFormat });
    }

    /** The slug made from the title as it is typed (`w-sync:apply`), also used to compare. */
    urlify(event, { ignoreUpdate = false, runFormat = !ignoreUpdate } = {}) {
      return this.thaiSlug('urlify', event, { ignoreUpdate, runFormat });
    }

    thaiSlug(action, event, { ignoreUpdate, runFormat }) {
      if (!this.allowUnicodeValue) return super[action](event, { ignoreUpdate, runFormat });
      const { value: sourceValue = this.element.value } = (event && event.detail) || {};
      const value = this.prepareValue(sourceValue, { runFormat });
      if (!value) return '';
      const slug = slugifyThai(value);
      if (!ignoreUpdate) this.applyUpdate(action, slug, sourceValue);
      return slug;
    }
  }

  app.register('w-slug', ThaiSlugController);
})();
