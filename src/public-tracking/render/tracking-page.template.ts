import type { Language } from '../i18n/languages';
import type { Translator } from '../i18n/translator';
import type { DeliveryWindowView, PublicEventView, PublicTrackingView } from '../domain/public-tracking.view';
import { html, SafeHtml } from './html';
import { renderLayout } from './page-layout.template';

/** Why the verification form is shown again. */
export type VerifyProblem = { kind: 'failed' } | { kind: 'invalid' } | { kind: 'limited'; retryAfterSeconds: number };

export interface TrackingPageInput {
  view: PublicTrackingView;
  t: Translator;
  languageHref: (language: Language) => string;
  /** Where the postal-code form posts; null hides the form (already verified, or no token). */
  verifyAction: string | null;
  verifyProblem?: VerifyProblem | null;
}

/**
 * The buyer's tracking page, rendered from the same view the JSON API returns: status in words and
 * as a progress bar with its text alternative, delivery window, customs and duties, carrier with the
 * masked number, the timeline (newest first) with local times and zones, the order's other parcels,
 * its returns, and the verified details or the form to unlock them.
 */
export function renderTrackingPage(input: TrackingPageInput): string {
  const { view, t } = input;
  const main = html`
<h1>${view.statusText}</h1>
${view.substatusText && view.substatusText !== view.statusText ? html`<p class="sub">${view.substatusText}</p>` : ''}
${view.actionRequired ? html`<p class="badge attention">${t.t('page.actionRequired')}</p>` : ''}
${progress(view, t)}
<div class="card" id="delivery">
<h2>${t.t('delivery.heading')}</h2>
${delivery(view, t)}
</div>
${view.customs.required || view.customs.state !== 'not_required' ? customs(view, t) : ''}
<div class="card" id="carrier">
<h2>${t.t('carrier.heading')}</h2>
<dl>
<dt>${t.t('carrier.heading')}</dt><dd>${view.carrierName}</dd>
${view.serviceName ? html`<dt>${t.t('carrier.service')}</dt><dd>${view.serviceName}</dd>` : ''}
<dt>${t.t('carrier.trackingNumber')}</dt><dd class="mono">${view.trackingNumberMasked}</dd>
</dl>
${view.lastUpdate ? html`<p class="note">${t.t('page.updated', { date: `${view.lastUpdate.text} (${view.lastUpdate.zoneText})` })}</p>` : ''}
</div>
<section class="card" aria-labelledby="timeline-h" id="timeline">
<h2 id="timeline-h">${t.t('timeline.heading')}</h2>
${view.events.length ? timeline(view.events) : html`<p>${t.t('timeline.empty')}</p>`}
</section>
${view.parcels.length > 1 ? parcels(view, t) : ''}
${view.returns.length ? returns(view, t) : ''}
${view.verified ? verified(view, t) : input.verifyAction ? verifyForm(input.verifyAction, t, input.verifyProblem ?? null) : ''}
`;
  return renderLayout({ t, title: `${view.statusText} · ${t.t('page.title')}`, languageHref: input.languageHref, main });
}

function progress(view: PublicTrackingView, t: Translator): SafeHtml {
  const p = view.progress;
  return html`<section class="card tone-${p.tone}" aria-labelledby="progress-h" id="progress">
<h2 id="progress-h" class="vh">${t.t('progress.label')}</h2>
<div class="bar" role="progressbar" aria-labelledby="progress-h" aria-valuemin="0" aria-valuemax="${p.steps}" aria-valuenow="${p.step}" aria-valuetext="${p.text}">${p.labels.map(
    (l) => html`<span class="seg ${l.state}"></span>`,
  )}</div>
<p class="progress-text">${p.text}</p>
<ol class="steps n${p.steps}">${p.labels.map(
    (l) => html`<li data-state="${l.state}"${l.state === 'current' ? html` aria-current="step"` : ''}>${l.label} <span class="vh">(${t.t(`progress.${l.state === 'todo' ? 'todo' : l.state === 'done' ? 'done' : 'current'}`)})</span></li>`,
  )}</ol>
</section>`;
}

function windowText(w: DeliveryWindowView): SafeHtml {
  return html`<time datetime="${w.earliest}">${w.text}</time>`;
}

function delivery(view: PublicTrackingView, t: Translator): SafeHtml {
  if (view.delivered) {
    return html`<p><strong>${t.t('delivery.delivered', { date: view.delivered.text })}</strong> <span class="note">(${view.delivered.zoneText})</span></p>`;
  }
  if (!view.estimatedDelivery) return html`<p>${t.t('delivery.none')}</p>`;
  return html`<dl><dt>${t.t('delivery.estimate')}</dt><dd>${windowText(view.estimatedDelivery)}</dd></dl>
${view.estimatedDelivery.firstPromised ? html`<p class="note">${view.estimatedDelivery.firstPromised.text}</p>` : ''}`;
}

function customs(view: PublicTrackingView, t: Translator): SafeHtml {
  const c = view.customs;
  return html`<div class="card" id="customs">
<h2>${t.t('customs.heading')}</h2>
<p>${c.stateText}</p>
${c.dutiesText ? html`<p class="duties">${c.dutiesText}</p>` : ''}
</div>`;
}

function timeline(events: PublicEventView[]): SafeHtml {
  return html`<ol class="timeline">${events.map((e) => {
    const place = [e.location.city, e.location.countryName].filter(Boolean).join(', ');
    return html`<li${e.actionRequired ? html` class="action"` : ''}>
<p class="ev-status">${e.statusText}</p>
${e.description && e.description !== e.statusText ? html`<p class="ev-desc">${e.description}</p>` : ''}
<p class="ev-meta"><time datetime="${e.occurredAt}">${e.occurredAtText}</time> <span class="zone">(${e.timeZoneText})</span>${place ? html` · <span class="place">${place}</span>` : ''}</p>
</li>`;
  })}</ol>`;
}

function parcels(view: PublicTrackingView, t: Translator): SafeHtml {
  return html`<section class="card" aria-labelledby="parcels-h" id="parcels">
<h2 id="parcels-h">${t.t('parcels.heading')}</h2>
<ul class="parcels">${view.parcels.map(
    (p) => html`<li${p.current ? html` aria-current="true"` : ''}>
<h3>${p.label}${p.current ? html` <span class="note">(${t.t('parcels.this')})</span>` : ''}</h3>
<dl><dt>${t.t('carrier.heading')}</dt><dd>${p.carrierName}</dd>
<dt>${t.t('carrier.trackingNumber')}</dt><dd class="mono">${p.trackingNumberMasked}</dd>
<dt>${t.t('parcels.status')}</dt><dd>${p.statusText}</dd>
${p.estimatedDelivery ? html`<dt>${t.t('delivery.estimate')}</dt><dd>${windowText(p.estimatedDelivery)}</dd>` : ''}</dl>
${!p.current && p.events.length ? html`<details><summary>${t.t('timeline.heading')}</summary>${timeline(p.events)}</details>` : ''}
</li>`,
  )}</ul>
</section>`;
}

function returns(view: PublicTrackingView, t: Translator): SafeHtml {
  return html`<section class="card" aria-labelledby="returns-h" id="returns">
<h2 id="returns-h">${t.t('returns.heading')}</h2>
<ul class="returns">${view.returns.map(
    (r) => html`<li>
<h3>${r.label}</h3>
${r.returnStateText ? html`<p>${r.returnStateText}</p>` : ''}
<dl>${r.carrierName ? html`<dt>${t.t('carrier.heading')}</dt><dd>${r.carrierName}</dd>` : ''}
${r.trackingNumberMasked ? html`<dt>${t.t('carrier.trackingNumber')}</dt><dd class="mono">${r.trackingNumberMasked}</dd>` : ''}
<dt>${t.t('parcels.status')}</dt><dd>${r.statusText}</dd></dl>
${r.events.length ? html`<details><summary>${t.t('timeline.heading')}</summary>${timeline(r.events)}</details>` : ''}
</li>`,
  )}</ul>
</section>`;
}

function verified(view: PublicTrackingView, t: Translator): SafeHtml {
  const v = view.verified!;
  return html`<section class="card" aria-labelledby="verified-h" id="details">
<h2 id="verified-h">${t.t('verified.heading')}</h2>
${v.orderReference ? html`<p>${t.t('verified.order', { reference: v.orderReference })}</p>` : ''}
<h3>${t.t('verified.address')}</h3>
<address>${v.address.lines.map((l) => html`${l}<br>`)}${v.address.countryName ?? ''}</address>
${v.items.length ? html`<h3>${t.t('verified.items')}</h3><ul class="items">${v.items.map((i) => html`<li>${i.text}</li>`)}</ul>` : ''}
</section>`;
}

function verifyForm(action: string, t: Translator, problem: VerifyProblem | null): SafeHtml {
  const message =
    problem?.kind === 'failed'
      ? t.t('verify.failed')
      : problem?.kind === 'invalid'
        ? t.t('verify.invalid')
        : problem?.kind === 'limited'
          ? t.t('verify.limited', { minutes: Math.max(1, Math.ceil(problem.retryAfterSeconds / 60)) })
          : null;
  return html`<section class="card" aria-labelledby="verify-h" id="details">
<h2 id="verify-h">${t.t('verify.heading')}</h2>
<p id="verify-intro">${t.t('verify.intro')}</p>
<form method="post" action="${action}" novalidate>
<div class="field"><label for="postalCode">${t.t('verify.postalCode')}</label>
<input id="postalCode" name="postalCode" type="text" autocomplete="postal-code" maxlength="16" required aria-describedby="verify-intro${message ? ' verify-error' : ''}"${message ? html` aria-invalid="true"` : ''}></div>
<button type="submit">${t.t('verify.submit')}</button>
${message ? html`<p class="error" id="verify-error" role="alert">${message}</p>` : ''}
</form>
</section>`;
}
