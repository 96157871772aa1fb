// Component tests run in jsdom: add the DOM matchers and a canvas (chart.js and the drawing pad need one).
import '@testing-library/jest-dom/vitest';
import 'vitest-canvas-mock';
