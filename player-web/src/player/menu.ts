import { h, show } from '../shared/dom';
import type { MenuItem } from './tracks';

/**
 * A menu button (WAI-ARIA menu button pattern): the button opens a list of radio items; arrows
 * move, Enter or Space choose, Escape closes and gives the focus back to the button.
 */
export class MenuButton {
  private items: MenuItem[] = [];

  constructor(
    readonly button: HTMLButtonElement,
    private readonly menu: HTMLElement,
    private readonly onChoose: (value: number) => void,
  ) {
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    menu.setAttribute('role', 'menu');
    button.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
    button.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.open();
      }
    });
    menu.addEventListener('keydown', (event) => this.onKey(event));
    menu.addEventListener('focusout', (event) => {
      const next = event.relatedTarget;
      if (!(next instanceof Node) || (!menu.contains(next) && next !== button)) this.close(false);
    });
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  /** Replaces the items; a menu with fewer than two is pointless and its button hides. */
  setItems(items: MenuItem[], minimum = 2): void {
    this.items = items;
    this.button.hidden = items.length < minimum;
    if (this.button.hidden) this.close(false);
    const title = this.menu.getAttribute('aria-label') ?? '';
    show(
      this.menu,
      ...items.map((item) => {
        const li = h(
          'button',
          { type: 'button', role: 'menuitemradio', 'aria-checked': String(item.checked), tabindex: '-1', 'data-value': String(item.value) },
          item.label,
        );
        li.addEventListener('click', () => this.choose(item.value));
        return li;
      }),
    );
    const checked = items.find((i) => i.checked);
    this.button.setAttribute('aria-label', checked === undefined ? title : `${title}: ${checked.label}`);
  }

  open(): void {
    if (this.items.length === 0) return;
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const entries = this.entries();
    (entries.find((e) => e.getAttribute('aria-checked') === 'true') ?? entries[0])?.focus();
  }

  close(focusButton: boolean): void {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (focusButton) this.button.focus();
  }

  private entries(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>('[role=menuitemradio]'));
  }

  private choose(value: number): void {
    this.close(true);
    this.onChoose(value);
  }

  private onKey(event: KeyboardEvent): void {
    const entries = this.entries();
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => entries[(to + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(entries.length - 1);
        break;
      case 'Escape':
        this.close(true);
        break;
      case 'Tab':
        this.close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
}
