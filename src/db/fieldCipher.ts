// Encryption at rest of personal IDs and account numbers (Law 91/2025 on personal data: sensitive
// data is protected by encryption). Each value is sealed with AES-256-GCM under a random 12-byte IV
// and stored as a self-describing string, so values under several key versions can coexist while
// the keys are rotated:
//
//   enc:v1:<keyId>:<iv>:<tag>:<ciphertext>      (iv, tag and ciphertext in base64url)
//
// Ciphertexts cannot be compared, so lookups and uniqueness use a keyed hash (HMAC-SHA-256) of the
// normalised value, prefixed with a short fingerprint of the hash key: "<fingerprint>:<mac>".
// The fingerprint tells which rows still carry a hash under a previous hash key.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface DataKeys {
  /** The first encrypts; all of them decrypt. */
  encryption: EncryptionKey[];
  hash: Buffer;
  /** During a hash key change: lookups also match hashes under this key until `keys rehash` ran. */
  previousHash?: Buffer;
}

/** What a hash is taken of: the same digits under two purposes give unrelated hashes. */
export type HashPurpose = "personalId" | "accountNumber";

export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const PREFIX = "enc:v1:";
const SEALED = /^enc:v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;

// IVs are drawn from a block of random bytes fetched at once: a call to the random source costs
// more than sealing a short value, and a province's list seals 100,000 of them. Every IV is still
// 12 fresh random bytes, handed out once (the block is replaced, never reused, when spent).
const IV_BLOCK = 12 * 1024;
let ivBlock = Buffer.alloc(0);
let ivAt = 0;

function freshIv(): Buffer {
  if (ivAt + 12 > ivBlock.length) {
    ivBlock = randomBytes(IV_BLOCK);
    ivAt = 0;
  }
  const iv = ivBlock.subarray(ivAt, ivAt + 12);
  ivAt += 12;
  return iv;
}

export class FieldCipher {
  readonly #encrypt: EncryptionKey;
  readonly #decrypt: Map<string, Buffer>;
  readonly #hash: Buffer;
  readonly #previousHash: Buffer | null;
  /** Fingerprint of the current hash key, the prefix of every current hash. */
  readonly hashKeyId: string;

  constructor(keys: DataKeys) {
    const first = keys.encryption[0];
    if (!first) throw new Error("at least one encryption key is needed");
    for (const k of keys.encryption) {
      if (k.key.length !== 32) throw new Error(`encryption key ${k.id} must be 32 bytes`);
      if (!KEY_ID.test(k.id)) throw new Error(`encryption key id ${k.id} may only hold A-Z a-z 0-9 _ -`);
    }
    this.#encrypt = first;
    this.#decrypt = new Map(keys.encryption.map((k) => [k.id, k.key]));
    this.#hash = keys.hash;
    this.#previousHash = keys.previousHash ?? null;
    this.hashKeyId = fingerprint(keys.hash);
  }

  /** The key id new values are sealed under. */
  get currentKeyId(): string {
    return this.#encrypt.id;
  }

  get keyIds(): string[] {
    return [...this.#decrypt.keys()];
  }

  encrypt(plain: string): string {
    const iv = freshIv();
    const cipher = createCipheriv("aes-256-gcm", this.#encrypt.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${PREFIX}${this.#encrypt.id}:${b64(iv)}:${b64(tag)}:${b64(body)}`;
  }

  /** A sealed value's plain text; a value stored before encryption existed is returned as it is. */
  decrypt(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const m = SEALED.exec(stored);
    if (!m) throw new Error("an encrypted value is damaged");
    const [, keyId = "", iv = "", tag = "", body = ""] = m;
    const key = this.#decrypt.get(keyId);
    if (!key) throw new Error(`a value is encrypted under key "${keyId}", which DATA_ENCRYPTION_KEYS does not hold`);
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new Error(`a value encrypted under key "${keyId}" does not open with that key (wrong key material?)`);
    }
  }

  /** True when the stored value is sealed under the current key. */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${PREFIX}${this.#encrypt.id}:`);
  }

  hash(purpose: HashPurpose, plain: string): string {
    return keyedHash(this.#hash, this.hashKeyId, purpose, plain);
  }

  /** The hashes a lookup must match: the current one, and the previous key's during a change. */
  lookupHashes(purpose: HashPurpose, plain: string): string[] {
    const current = this.hash(purpose, plain);
    if (!this.#previousHash) return [current];
    return [current, keyedHash(this.#previousHash, fingerprint(this.#previousHash), purpose, plain)];
  }

  /**
   * Hex HMAC of an ID under its own purpose, naming the ID in failed-attempt counters (kept apart
   * from the lookup hash, and without the key fingerprint, as counters last only a day).
   */
  subjectHash(plain: string): string {
    return createHmac("sha256", this.#hash)
      .update(`attempts\0${normaliseForHash(plain)}`)
      .digest("hex");
  }

  /**
   * A tag for a value the service hands out and must recognise when it comes back (web chat ids,
   * a browser's sign-in cookie): base64url HMAC under the hash key, kept apart by `label`.
   */
  tag(label: string, value: string): string {
    return createHmac("sha256", this.#hash).update(`tag\0${label}\0${value}`).digest("base64url").slice(0, 32);
  }

  /** Whether `tag` was made by `tag(label, value)` under the current hash key or, during a change, the previous one. */
  tagMatches(label: string, value: string, tag: string): boolean {
    const keys = this.#previousHash ? [this.#hash, this.#previousHash] : [this.#hash];
    const sent = Buffer.from(tag);
    return keys.some((key) => {
      const expected = Buffer.from(
        createHmac("sha256", key).update(`tag\0${label}\0${value}`).digest("base64url").slice(0, 32),
      );
      return expected.length === sent.length && timingSafeEqual(expected, sent);
    });
  }

  /** Never the key material, should the cipher end up in a log line. */
  toJSON(): { currentKeyId: string; keyIds: string[]; hashKeyId: string } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds, hashKeyId: this.hashKeyId };
  }
}

/** Personal IDs and account numbers are compared as their digits, without spaces, dots or dashes. */
export function normaliseForHash(value: string): string {
  return value.replace(/[\s.-]/g, "");
}

/** A short, stable name for a hash key that does not reveal it. */
export function fingerprint(key: Buffer): string {
  return createHash("sha256").update("an-sinh hash key id\0").update(key).digest("base64url").slice(0, 8);
}

/** Fresh key material: one encryption key (with an id) and a hash key, as the environment wants them. */
export function generateKeyMaterial(keyId: string): { DATA_ENCRYPTION_KEYS: string; DATA_HASH_KEY: string } {
  return {
    DATA_ENCRYPTION_KEYS: `${keyId}:${randomBytes(32).toString("base64")}`,
    DATA_HASH_KEY: randomBytes(32).toString("base64"),
  };
}

/** Fixed keys for tests and benchmarks only: never configured where real people's data lives. */
export const TEST_DATA_KEYS: DataKeys = {
  encryption: [{ id: "test1", key: Buffer.alloc(32, 7) }],
  hash: Buffer.alloc(32, 9),
};

/** The same test keys as environment variables, for a process started by a test or a benchmark. */
export const TEST_DATA_KEYS_ENV = {
  DATA_ENCRYPTION_KEYS: `test1:${Buffer.alloc(32, 7).toString("base64")}`,
  DATA_HASH_KEY: Buffer.alloc(32, 9).toString("base64"),
};

function keyedHash(key: Buffer, keyId: string, purpose: HashPurpose, plain: string): string {
  const mac = createHmac("sha256", key)
    .update(`${purpose}\0${normaliseForHash(plain)}`)
    .digest("base64url");
  return `${keyId}:${mac}`;
}

function b64(buf: Buffer): string {
  return buf.toString("base64url");
}
