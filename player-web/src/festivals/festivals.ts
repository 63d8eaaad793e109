import '../shared/theme.css';
import './festivals.css';
import { ApiError, requestJson } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { mayHaveSession, parseMe, sessionHeaders } from '../studio/session';
import { appendFilmFigures } from './chart';
import { type FilmFigures, formatDuration, type JuryRow } from './report';

interface Festival { readonly id: string; readonly name: string; readonly edition: string | null }
interface Pass {
  readonly id: string; readonly jurorName: string; readonly jurorEmail: string; readonly status: string;
  readonly expiresAt: string; readonly url: string;
}

const status = required('#status', HTMLElement);
let csrf: string | null = null;
let current: Festival | null = null;

async function api(method: string, path: string, body?: unknown, type = 'application/json'): Promise<unknown> {
  return requestJson(path, {
    method,
    headers: { ...sessionHeaders(method, csrf), ...(body === undefined ? {} : { 'Content-Type': type }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

function say(error: unknown): void {
  status.textContent = error instanceof ApiError ? (error.serverSentence ?? error.message) : String(error);
}

const endOfDay = (date: string): string => `${date}T23:59:59Z`;

async function loadFestivals(): Promise<void> {
  const { items } = (await api('GET', '/api/festivals')) as { items: Festival[] };
  show(required('#festivals', HTMLElement), ...items.map((f) => {
    const button = h('button', { type: 'button', class: 'button' }, f.edition === null ? f.name : `${f.name} ${f.edition}`);
    button.addEventListener('click', () => void open(f));
    return h('li', {}, button);
  }));
  required('#festival-list', HTMLElement).hidden = false;
}

async function open(f: Festival): Promise<void> {
  current = f;
  required('#festival', HTMLElement).hidden = false;
  required('#festival-title', HTMLElement).textContent = f.edition === null ? f.name : `${f.name} ${f.edition}`;
  required('#report-csv', HTMLAnchorElement).href = `/api/festivals/${encodeURIComponent(f.id)}/report?format=csv`;
  const { items } = (await api('GET', `/api/festivals/${encodeURIComponent(f.id)}/screeners`)) as { items: Pass[] };
  show(required('#passes', HTMLElement), ...items.map(passRow));
  await loadReport(f);
}

function passRow(p: Pass): HTMLElement {
  const revoke = h('button', { type: 'button', class: 'button' }, 'Revoke');
  revoke.disabled = p.status === 'revoked';
  revoke.addEventListener('click', () => {
    void api('DELETE', `/api/screeners/${encodeURIComponent(p.id)}`).then(() => current && open(current), say);
  });
  const extend = h('button', { type: 'button', class: 'button' }, '+7 days');
  extend.addEventListener('click', () => {
    const until = new Date(Math.max(Date.parse(p.expiresAt), Date.now()) + 7 * 86400000).toISOString();
    void api('PATCH', `/api/screeners/${encodeURIComponent(p.id)}`, { expiresAt: until }).then(() => current && open(current), say);
  });
  return h('tr', {}, h('td', {}, `${p.jurorName} <${p.jurorEmail}>`), h('td', {}, p.status),
    h('td', {}, p.expiresAt.slice(0, 16).replace('T', ' ')), h('td', {}, h('a', { href: p.url, class: 'text-link' }, 'room')),
    h('td', {}, revoke, ' ', extend));
}

async function loadReport(f: Festival): Promise<void> {
  const report = (await api('GET', `/api/festivals/${encodeURIComponent(f.id)}/report`)) as { items: JuryRow[]; films: FilmFigures[] };
  show(required('#report', HTMLElement), ...report.items.map((r) => h('tr', {}, h('td', {}, r.jurorName), h('td', {}, r.filmId),
    h('td', {}, String(r.plays)), h('td', {}, formatDuration(r.secondsWatched)), h('td', {}, formatDuration(r.furthest)),
    h('td', {}, String(r.devices)), h('td', {}, r.lastSeenAt === null ? 'never' : r.lastSeenAt.slice(0, 16).replace('T', ' ')))));
  const charts = required('#charts', HTMLElement);
  show(charts);
  for (const film of report.films) appendFilmFigures(charts, film);
}

function wireForms(): void {
  required('#new-festival', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const edition = String(data.get('edition') ?? '').trim();
    void api('POST', '/api/festivals', { name: String(data.get('name')), ...(edition === '' ? {} : { edition }) })
      .then(() => loadFestivals(), say);
  });
  required('#new-pass', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    if (current === null) return;
    const data = new FormData(e.target as HTMLFormElement);
    const plays = String(data.get('maxPlays') ?? '');
    void api('POST', `/api/festivals/${encodeURIComponent(current.id)}/screeners`, {
      jurorName: String(data.get('jurorName')), jurorEmail: String(data.get('jurorEmail')),
      filmIds: String(data.get('filmIds') ?? '').split(/\s+/).filter((s) => s !== ''),
      expiresAt: endOfDay(String(data.get('expiresAt'))), ...(plays === '' ? {} : { maxPlays: Number(plays) }),
    }).then(() => current && open(current), say);
  });
  required('#bulk', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    if (current === null) return;
    const data = new FormData(e.target as HTMLFormElement);
    const until = encodeURIComponent(endOfDay(String(data.get('expiresAt'))));
    void api('POST', `/api/festivals/${encodeURIComponent(current.id)}/screeners/bulk?expiresAt=${until}`,
      String(data.get('csv') ?? ''), 'text/csv').then(() => current && open(current), say);
  });
}

async function main(): Promise<void> {
  if (!mayHaveSession(document.cookie)) {
    status.textContent = 'Sign in from the studio first.';
    return;
  }
  try {
    csrf = parseMe(await api('GET', '/api/me')).csrfToken;
  } catch {
    status.textContent = 'Sign in from the studio first.';
    return;
  }
  wireForms();
  await loadFestivals().catch(say);
}

void main();
