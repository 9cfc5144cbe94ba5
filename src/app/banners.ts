/**
 * What went wrong, stacked at the top of the map: a story that cannot be
 * shown (naming chapter and field), data or base-map files that did not load,
 * parts of the site whose code could not load (with a reload), and layers or
 * records the loader left out. A template for `<hsr-app>`, styled by the
 * page's stylesheet (`.banners`, `.banner`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LoadReport } from '../data/load-data.ts';
import { joinList, pick, t } from '../i18n/i18n.ts';
import { layerSpec } from '../layers/registry.ts';
import type { Lang } from '../state/app-state.ts';
import { storyErrorLines, type StoryError } from '../story/load-story.ts';
import { LAZY_PART_NAMES, type LazyPart } from './lazy-elements.ts';

export interface Troubles {
  storyError: StoryError | null;
  dismissStoryError: () => void;
  /** The data could not be loaded at all (why). */
  dataError: string | null;
  /** Built-in base-map files that did not load, by name. */
  basemapMissing: readonly string[];
  /** Lazy parts whose code could not load. */
  partsMissing: readonly LazyPart[];
  report: LoadReport | null;
}

function storyBanner(lang: Lang, e: StoryError, dismiss: () => void): TemplateResult {
  const lines = storyErrorLines(e, lang);
  return html`<div class="banner story-error" role="alert">
    ${lines.map((l, i) => (i === 0 ? html`<strong>${l}</strong>` : html`<br />${l}`))}
    <button class="banner-close" type="button" aria-label=${t(lang, 'banner.close')} @click=${dismiss}>×</button>
  </div>`;
}

function reportBanner(lang: Lang, report: LoadReport): TemplateResult {
  const failed = report.failedLayers.length
    ? t(lang, 'map.dataError', {
        detail: joinList(
          lang,
          report.failedLayers.map((l) => pick(lang, layerSpec(l.id).title)),
        ),
      })
    : '';
  const skipped = report.skipped.length ? t(lang, 'map.recordsSkipped', { count: report.skipped.length }) : '';
  return html`<div class="banner" role="status">${failed} ${skipped}</div>`;
}

export function banners(lang: Lang, b: Troubles): TemplateResult {
  return html`<div class="banners">
    ${b.storyError ? storyBanner(lang, b.storyError, b.dismissStoryError) : nothing}
    ${b.dataError ? html`<div class="banner" role="alert">${t(lang, 'map.dataMissing', { detail: b.dataError })}</div>` : nothing}
    ${b.basemapMissing.length ? html`<div class="banner" role="alert">${t(lang, 'map.basemapMissing', { detail: joinList(lang, b.basemapMissing) })}</div>` : nothing}
    ${
      b.partsMissing.length
        ? html`<div class="banner banner-part" role="alert">
            ${t(lang, 'lazy.failed', {
              part: joinList(
                lang,
                b.partsMissing.map((p) => t(lang, LAZY_PART_NAMES[p])),
              ),
            })}
            <button type="button" @click=${() => location.reload()}>${t(lang, 'lazy.retry')}</button>
          </div>`
        : nothing
    }
    ${b.report ? reportBanner(lang, b.report) : nothing}
  </div>`;
}
