/** The part of zpl-renderer-js (a WebAssembly build of the Zebrash ZPL renderer) that we use. */
interface ZplRendererApi {
  zplToBase64MultipleAsync(zpl: string, widthMm?: number, heightMm?: number, dpmm?: number): Promise<string[]>;
}

/**
 * Renders ZPL II to PNG offline (no Labelary call). The WebAssembly module is about 9 MB, so it is
 * loaded on first use only, and once per process.
 */
export class ZplRasterizer {
  private api?: Promise<ZplRendererApi>;

  /** One PNG per `^XA ... ^XZ` label. */
  async toPngs(zpl: string, widthMm: number, heightMm: number, dpi: 203 | 300): Promise<Buffer[]> {
    const api = await this.load();
    const images = await api.zplToBase64MultipleAsync(zpl, widthMm, heightMm, dpi === 203 ? 8 : 12);
    return images.map((b64) => Buffer.from(b64, 'base64'));
  }

  private load(): Promise<ZplRendererApi> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.api ??= (require('zpl-renderer-js') as { ready: Promise<{ api: ZplRendererApi }> }).ready.then((r) => r.api);
    return this.api;
  }
}
