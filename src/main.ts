/**
 * Entry point: the global styles and the application element.
 * `<hsr-app>` reads the URL, loads the data and builds the page.
 */
import './map/map.css';
import './styles/app.css';
import './app/hsr-app.ts';
