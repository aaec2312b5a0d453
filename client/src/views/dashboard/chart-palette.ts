/** Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics), distinct from one another. */
export const chartPalette = [
  '#000091',
  '#b34000',
  '#18753c',
  '#a558a0',
  '#0063cb',
  '#8d533e',
  '#c3176e',
  '#5e2a2b',
  '#716043',
  '#006a6f',
  '#6a6af4',
  '#ce0500',
  '#465f9d',
  '#66673d',
];

export function colourOf(index: number): string {
  return chartPalette[index % chartPalette.length];
}
