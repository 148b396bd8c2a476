export { buildApp, serve } from './app.js';
