import { encode } from 'uqr';
import { html, unsafeRaw, type SafeHtml } from '../html.js';

/**
 * A QR code as inline SVG, drawn on the server (no external service, no script, nothing the
 * Content-Security-Policy has to allow): one path of dark modules on a white square with the
 * quiet zone the standard asks for. The label says what the image holds; the same content is
 * always on the page as text as well.
 */
export function qrSvg(text: string, label: string, sizePx = 220): SafeHtml {
  const qr = encode(text, { ecc: 'M', border: 4 });
  const n = qr.size;
  let path = '';
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < n) {
      if (!row[x]) { x++; continue; }
      const start = x;
      while (x < n && row[x]) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  });
  return html`<svg class="ba-qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${sizePx}" height="${sizePx}" role="img" aria-label="${label}" shape-rendering="crispEdges">
    <rect width="${n}" height="${n}" fill="#ffffff"></rect><path fill="#000000" d="${unsafeRaw(path)}"></path></svg>`;
}
