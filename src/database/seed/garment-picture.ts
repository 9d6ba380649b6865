/** Draws a product picture as SVG: a garment silhouette in the product's colour. No network, no binary tools. */

export type Silhouette = 'kurta' | 'shirt' | 'tee' | 'dress' | 'trousers' | 'scarf' | 'jacket' | 'bag';

const SHAPES: Record<Silhouette, string> = {
  kurta: 'M150 60 L250 60 L270 80 L340 120 L320 190 L285 170 L290 440 L110 440 L115 170 L80 190 L60 120 L130 80 Z',
  shirt: 'M150 70 L200 95 L250 70 L340 120 L315 200 L285 185 L285 400 L115 400 L115 185 L85 200 L60 120 Z',
  tee: 'M155 80 Q200 110 245 80 L340 125 L310 190 L280 175 L280 400 L120 400 L120 175 L90 190 L60 125 Z',
  dress: 'M160 60 L240 60 L255 150 L330 440 L70 440 L145 150 Z',
  trousers: 'M125 60 L275 60 L295 440 L215 440 L200 170 L185 440 L105 440 Z',
  scarf: 'M110 80 Q200 40 290 80 L300 150 Q250 130 240 170 L260 440 L215 410 L190 445 L165 405 L140 440 L160 170 Q150 130 100 150 Z',
  jacket: 'M145 70 L200 120 L255 70 L345 125 L330 420 L270 420 L270 210 L200 240 L130 210 L130 420 L70 420 L55 125 Z',
  bag: 'M110 180 L290 180 L310 420 L90 420 Z M150 180 Q150 90 200 90 Q250 90 250 180 L235 180 Q235 110 200 110 Q165 110 165 180 Z',
};

export function garmentPicture(silhouette: Silhouette, hex: string, label: string): string {
  const safeLabel = label.replace(/[<>&"']/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 500" width="400" height="500" role="img" aria-label="${safeLabel}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f7f3ee"/><stop offset="1" stop-color="#ebe4da"/></linearGradient>
  <linearGradient id="shade" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".18"/><stop offset="1" stop-color="#000" stop-opacity=".18"/></linearGradient></defs>
  <rect width="400" height="500" fill="url(#bg)"/>
  <ellipse cx="200" cy="460" rx="130" ry="12" fill="#000" opacity=".08"/>
  <path d="${SHAPES[silhouette]}" fill="${hex}" stroke="#00000022" stroke-width="2" fill-rule="evenodd"/>
  <path d="${SHAPES[silhouette]}" fill="url(#shade)" fill-rule="evenodd"/>
</svg>
`;
}
