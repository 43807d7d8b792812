import { useMemo } from 'react';

/**
 * Text the API marked up (HTML-escaped, the matched words in `<mark>`) as React elements. Parsing keeps the
 * entities right; only the text and the marks are kept, so nothing else the string might hold is ever rendered.
 */
export function Highlighted({ html }: { html: string }) {
  const parts = useMemo(
    () =>
      Array.from(new DOMParser().parseFromString(html, 'text/html').body.childNodes, (node, i) =>
        node.nodeName === 'MARK' ? <mark key={i}>{node.textContent}</mark> : node.textContent,
      ),
    [html],
  );
  return <>{parts}</>;
}
