import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { h } from '../shared/dom';
import { figuresLine, type FilmFigures, retentionSeries } from './report';

/**
 * Appends to `container` a figure with the film's audience figures in words and, once it has
 * views, its retention curve (uPlot). Used by the festival report and the studio's film editor.
 */
export function appendFilmFigures(container: HTMLElement, film: FilmFigures): void {
  const figure = h('figure', {}, h('figcaption', {}, `${film.title ?? film.filmId}: ${figuresLine(film)}`));
  container.append(figure);
  if (film.retention.length === 0) return;
  new uPlot({
    width: Math.min(900, container.clientWidth || 900), height: 220, title: 'Retention (share of views still watching)',
    scales: { x: { time: false }, y: { range: [0, 100] } },
    axes: [{ label: '% of the film', stroke: '#aaa' }, { label: '% of views', stroke: '#aaa' }],
    series: [{}, { label: 'views', stroke: '#e8b04b', width: 2, fill: 'rgba(232,176,75,.15)' }],
  }, retentionSeries(film.retention), figure);
}
