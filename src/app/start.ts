/**
 * The application proper: `<hsr-app>` and everything it imports (MapLibre,
 * deck.gl, the panels). Loaded by `main.ts` once the static first paint is on
 * screen.
 */
import './hsr-app.ts';
