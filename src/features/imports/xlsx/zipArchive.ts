// The parts of a zip archive (an .xlsx file is one), read from memory with a bound on what each
// part may inflate to. A spreadsheet of a few hundred kilobytes can hold a part that inflates to
// gigabytes (a zip bomb, or one cell of 400 MB); the bound turns that into a clear refusal instead
// of a process that runs out of memory. Layout: PKWARE APPNOTE.TXT, sections 4.3.12-4.3.16.
import { createInflateRaw, inflateRawSync } from "node:zlib";

export class ArchiveError extends Error {
  constructor(readonly code: "file_unreadable" | "file_too_complex") {
    super(code);
    this.name = "ArchiveError";
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();

  constructor(
    private readonly data: Buffer,
    /** Largest inflated size of one part, in bytes. */
    private readonly maxPartBytes: number,
  ) {
    const eocd = findEocd(data);
    let count = data.readUInt16LE(eocd + 10);
    let offset = data.readUInt32LE(eocd + 16);
    // Zip64: the real values sit in the zip64 end record that the locator points to.
    if ((offset === 0xffffffff || count === 0xffff) && eocd >= 20 && data.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
      const at = Number(data.readBigUInt64LE(eocd - 12));
      if (at + 56 > data.length) throw new ArchiveError("file_unreadable");
      count = Number(data.readBigUInt64LE(at + 32));
      offset = Number(data.readBigUInt64LE(at + 48));
    }
    for (let i = 0; i < count; i++) {
      if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) throw new ArchiveError("file_unreadable");
      const method = data.readUInt16LE(offset + 10);
      let compressedSize = data.readUInt32LE(offset + 20);
      let size = data.readUInt32LE(offset + 24);
      const nameLength = data.readUInt16LE(offset + 28);
      const extraLength = data.readUInt16LE(offset + 30);
      const commentLength = data.readUInt16LE(offset + 32);
      let localOffset = data.readUInt32LE(offset + 42);
      const name = data.toString("utf8", offset + 46, offset + 46 + nameLength).replace(/\\/g, "/");
      const zip64 = readZip64Extra(data, offset + 46 + nameLength, extraLength, { size, compressedSize, localOffset });
      ({ size, compressedSize, localOffset } = zip64);
      this.entries.set(name.replace(/^\//, ""), { name, method, compressedSize, size, localOffset });
      offset += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A small part (workbook, relationships, styles), whole. */
  read(name: string): string | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const raw = this.raw(entry);
    if (entry.method === 0) {
      if (raw.length > this.maxPartBytes) throw new ArchiveError("file_too_complex");
      return raw.toString("utf8");
    }
    try {
      return inflateRawSync(raw, { maxOutputLength: this.maxPartBytes }).toString("utf8");
    } catch (err) {
      throw new ArchiveError(err instanceof RangeError ? "file_too_complex" : "file_unreadable");
    }
  }

  /** A large part (a sheet, the shared strings) as text chunks, inflated as it is read. */
  async *stream(name: string): AsyncGenerator<string> {
    const entry = this.entries.get(name);
    if (!entry) return;
    const raw = this.raw(entry);
    const decoder = new TextDecoder("utf-8");
    if (entry.method === 0) {
      if (raw.length > this.maxPartBytes) throw new ArchiveError("file_too_complex");
      yield decoder.decode(raw);
      return;
    }
    if (entry.method !== 8) throw new ArchiveError("file_unreadable");
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.end(raw);
    let total = 0;
    try {
      for await (const chunk of inflate) {
        if (!(chunk instanceof Buffer)) continue;
        total += chunk.length;
        if (total > this.maxPartBytes) throw new ArchiveError("file_too_complex");
        yield decoder.decode(chunk, { stream: true });
      }
    } catch (err) {
      throw err instanceof ArchiveError ? err : new ArchiveError("file_unreadable");
    } finally {
      inflate.destroy();
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  private raw(entry: ZipEntry): Buffer {
    const at = entry.localOffset;
    if (at + 30 > this.data.length || this.data.readUInt32LE(at) !== LOCAL) throw new ArchiveError("file_unreadable");
    const start = at + 30 + this.data.readUInt16LE(at + 26) + this.data.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.data.length) throw new ArchiveError("file_unreadable");
    return this.data.subarray(start, end);
  }
}

function findEocd(data: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) {
    if (data.readUInt32LE(i) === EOCD) return i;
  }
  throw new ArchiveError("file_unreadable");
}

function readZip64Extra(
  data: Buffer,
  start: number,
  length: number,
  v: { size: number; compressedSize: number; localOffset: number },
): { size: number; compressedSize: number; localOffset: number } {
  const out = { ...v };
  let p = start;
  while (p + 4 <= start + length && p + 4 <= data.length) {
    const id = data.readUInt16LE(p);
    const len = data.readUInt16LE(p + 2);
    if (id === 0x0001) {
      // Only the fields whose 32-bit value is saturated are present, in this order.
      let q = p + 4;
      const next = () => {
        const n = q + 8 <= data.length ? Number(data.readBigUInt64LE(q)) : 0;
        q += 8;
        return n;
      };
      if (out.size === 0xffffffff) out.size = next();
      if (out.compressedSize === 0xffffffff) out.compressedSize = next();
      if (out.localOffset === 0xffffffff) out.localOffset = next();
    }
    p += 4 + len;
  }
  return out;
}
