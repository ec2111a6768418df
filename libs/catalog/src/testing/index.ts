export { standInParser } from './stand-in-parser.js';
