const TAGS = new Set([
  'P',
  'BR',
  'H2',
  'H3',
  'H4',
  'STRONG',
  'B',
  'EM',
  'I',
  'U',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
  'IMG',
  'A',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
  'HR',
]);

/**
 * A second, client-side allow-list over the HTML the server already sanitized (sanitize-html): the
 * body is parsed into an inert document, unknown elements are unwrapped, every attribute except an
 * image's own-upload src and a link's https href is dropped. Defence in depth, not the only guard.
 */
export function safeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walk = (el: Element) => {
    for (const child of [...el.children]) {
      if (!TAGS.has(child.tagName)) {
        if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE'].includes(child.tagName)) child.remove();
        else {
          walk(child);
          child.replaceWith(...child.childNodes);
        }
        continue;
      }
      for (const attr of [...child.attributes]) {
        const keep =
          (child.tagName === 'IMG' && attr.name === 'src' && /^\/api\/v1\/my\/courses\/\d+\/images\/[0-9a-f-]{36}$/.test(attr.value)) ||
          (child.tagName === 'IMG' && attr.name === 'alt') ||
          (child.tagName === 'A' && attr.name === 'href' && /^https:\/\//.test(attr.value));
        if (!keep) child.removeAttribute(attr.name);
      }
      if (child.tagName === 'A') child.setAttribute('rel', 'noopener noreferrer');
      walk(child);
    }
  };
  walk(doc.body);
  return doc.body.innerHTML;
}
