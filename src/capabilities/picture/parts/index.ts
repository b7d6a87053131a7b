/**
 * The parts of the wijkbeeld, each registering itself: part 1 (figures, readings) and part 2
 * (places, ecosystem, history, money). A capability that wants a place in the picture gets an
 * adapter here, written against its index.ts only.
 */
import './figures.js';
import './readings.js';
import './places.js';
import './ecosystem.js';
import './history.js';
import './money.js';
