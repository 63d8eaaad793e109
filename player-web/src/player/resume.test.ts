import { describe, expect, it } from 'vitest';
import { MAX_FILMS, ResumeStore, resumePosition, type StorageLike } from './resume';

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

describe('resumePosition', () => {
  it.each([
    [0, 100, 0],
    [9, 100, 0],
    [42, 100, 42],
    [85, 100, 0],
    [42, Number.NaN, 42],
    [Number.NaN, 100, 0],
  ])('resumePosition_saved_%s_of_%s_is_%s', (saved, duration, position) => {
    expect(resumePosition(saved, duration)).toBe(position);
  });
});

describe('ResumeStore', () => {
  it('save_thenPositionFor_resumesWholeSeconds', () => {
    const store = new ResumeStore(new MemoryStorage());
    store.save('f1', 42.7, 600);
    expect(store.positionFor('f1', 600)).toBe(42);
    expect(store.positionFor('f2', 600)).toBe(0);
  });

  it('save_nearTheEnd_forgetsTheFilm', () => {
    const storage = new MemoryStorage();
    const store = new ResumeStore(storage);
    store.save('f1', 300, 600);
    store.save('f1', 595, 600);
    expect(store.positionFor('f1', 600)).toBe(0);
    expect(storage.getItem('screenroom.resume.v1')).toBe('{}');
  });

  it('save_keepsOnlyTheMostRecentFilms', () => {
    let now = 0;
    const store = new ResumeStore(new MemoryStorage(), () => now);
    for (let i = 0; i <= MAX_FILMS; i += 1) {
      now = i;
      store.save(`f${i}`, 60, 600);
    }
    expect(store.positionFor('f0', 600)).toBe(0);
    expect(store.positionFor('f1', 600)).toBe(60);
    expect(store.positionFor(`f${MAX_FILMS}`, 600)).toBe(60);
  });

  it.each([['not json'], ['[1,2]'], ['{"f1": {"position": "x"}}']])('positionFor_corruptStorage_%s_startsOver', (raw) => {
    const storage = new MemoryStorage();
    storage.setItem('screenroom.resume.v1', raw);
    expect(new ResumeStore(storage).positionFor('f1', 600)).toBe(0);
  });

  it('save_storageThrows_isSwallowed', () => {
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const store = new ResumeStore(throwing);
    expect(() => store.save('f1', 60, 600)).not.toThrow();
    expect(store.positionFor('f1', 600)).toBe(0);
  });
});
