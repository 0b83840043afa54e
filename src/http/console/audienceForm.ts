// The "who receives it" part of the broadcast and campaign forms: the communes and filters as the
// browser posts them (one ticked box arrives as a string, several as an array), the audience they
// make, and the fields that show them. Both pages use the same field names.
import type { TFunction } from "i18next";
import { z } from "zod";
import { AUDIENCE_CHANNELS, PAYOUT_METHODS, PROGRAMMES, type Audience } from "../../features/broadcasts/audience.ts";
import type { AreaCommune } from "../../features/staff/scope.ts";
import { html, type SafeHtml } from "../../lib/html.ts";

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(5000));
const tick = z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean());

/** The audience fields of a form schema (spread into it). */
export const audienceFields = {
  communeIds: many(z.string().min(1).max(64)),
  programmes: many(z.enum(PROGRAMMES)),
  categoryCodes: many(z.string().min(1).max(64)),
  payoutMethods: many(z.enum(PAYOUT_METHODS)),
  channels: many(z.enum(AUDIENCE_CHANNELS)),
  noAccount: tick,
  notCollectedThisPeriod: tick,
  notReachableByChat: tick,
};
export type AudienceForm = z.infer<z.ZodObject<typeof audienceFields>>;

/** The audience the ticked boxes make; an empty filter is left out (it does not restrict). */
export function audienceOf(f: AudienceForm): Audience {
  return {
    communeIds: [...new Set(f.communeIds)],
    ...(f.programmes.length ? { programmes: f.programmes } : {}),
    ...(f.categoryCodes.length ? { categoryCodes: f.categoryCodes } : {}),
    ...(f.payoutMethods.length ? { payoutMethods: f.payoutMethods } : {}),
    ...(f.channels.length ? { channels: f.channels } : {}),
    ...(f.noAccount ? { noAccount: true } : {}),
    ...(f.notCollectedThisPeriod ? { notCollectedThisPeriod: true } : {}),
    ...(f.notReachableByChat ? { notReachableByChat: true } : {}),
  };
}

/** The boxes a stored audience ticks. */
export function audienceFormOf(a: Audience): AudienceForm {
  return {
    communeIds: a.communeIds,
    programmes: a.programmes ?? [],
    categoryCodes: a.categoryCodes ?? [],
    payoutMethods: a.payoutMethods ?? [],
    channels: a.channels ?? [],
    noAccount: a.noAccount ?? false,
    notCollectedThisPeriod: a.notCollectedThisPeriod ?? false,
    notReachableByChat: a.notReachableByChat ?? false,
  };
}

export interface AudienceFieldsView {
  form: AudienceForm;
  communes: AreaCommune[];
  categories: { code: string; name: string; programme: string }[];
  /**
   * Where each page keeps its texts: `field` holds communes, programmes, payoutMethods, channels,
   * situation, noAccount, notCollected, notReachable and categories; `programme`, `method` and
   * `channel` hold one text per value; `hint` is the key of the note under the filters.
   */
  texts: { field: string; programme: string; method: string; channel: string; hint: string };
  /** A message under the communes, or under the filters. */
  error?: (part: "communeIds" | "audience") => SafeHtml | "";
}

export function audienceFieldsView(t: TFunction, v: AudienceFieldsView): SafeHtml {
  const f = v.form;
  const { field, programme, method, channel } = v.texts;
  const error = v.error ?? (() => "");
  const box = (name: string, value: string, label: string, on: boolean) =>
    html`<label class="check"
      ><input type="checkbox" name="${name}" value="${value}" ${on ? html`checked` : ""} /> ${label}</label
    >`;
  const boxes = (
    name: string,
    values: readonly string[],
    chosen: readonly string[],
    label: (value: string) => string,
  ) => html`<div class="checks">${values.map((value) => box(name, value, label(value), chosen.includes(value)))}</div>`;
  return html`<fieldset>
      <legend>${t(`${field}.communes`)}</legend>
      <div class="checks">
        ${v.communes.map((c) => box("communeIds", c.id, `${c.name} · ${c.provinceName}`, f.communeIds.includes(c.id)))}
      </div>
      ${error("communeIds")}
    </fieldset>
    <div class="grid-2">
      <fieldset>
        <legend>${t(`${field}.programmes`)}</legend>
        ${boxes("programmes", PROGRAMMES, f.programmes, (p) => t(`${programme}.${p}`))}
      </fieldset>
      <fieldset>
        <legend>${t(`${field}.payoutMethods`)}</legend>
        ${boxes("payoutMethods", PAYOUT_METHODS, f.payoutMethods, (m) => t(`${method}.${m}`))}
      </fieldset>
      <fieldset>
        <legend>${t(`${field}.channels`)}</legend>
        ${boxes("channels", AUDIENCE_CHANNELS, f.channels, (c) => t(`${channel}.${c}`))}
      </fieldset>
      <fieldset>
        <legend>${t(`${field}.situation`)}</legend>
        <div class="checks">
          ${box("noAccount", "1", t(`${field}.noAccount`), f.noAccount)}
          ${box("notCollectedThisPeriod", "1", t(`${field}.notCollected`), f.notCollectedThisPeriod)}
          ${box("notReachableByChat", "1", t(`${field}.notReachable`), f.notReachableByChat)}
        </div>
      </fieldset>
    </div>
    ${
      v.categories.length > 0
        ? html`<label for="categoryCodes">${t(`${field}.categories`)}</label>
            <select
              id="categoryCodes"
              name="categoryCodes"
              multiple
              size="${Math.min(6, v.categories.length)}"
              class="wide"
            >
              ${v.categories.map((c) => html`<option value="${c.code}" ${f.categoryCodes.includes(c.code) ? html`selected` : ""}>${c.programme} · ${c.name}</option>`)}
            </select>`
        : ""
    }
    <p class="muted hint">${t(v.texts.hint)}</p>
    ${error("audience")}`;
}
