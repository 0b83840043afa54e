// The unit a client address is counted in by rate limits: an IPv4 address as it is, an IPv6
// address by its /64 prefix (one household or phone is given a whole /64, so counting single
// IPv6 addresses would let one client look like millions).
import { isIPv6 } from "node:net";

export function addressBucket(ip: string | null | undefined): string {
  const raw = (ip ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIPv6(raw) ? ipv6Prefix(raw) : raw;
}

function ipv6Prefix(ip: string): string {
  const [head = "", tail = ""] = ip.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
