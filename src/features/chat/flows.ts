// Every chat flow, in one list. A new flow is one folder under flows/ and one line here. The order
// matters only where two flows could claim the same event: the first one in the list wins (a
// printed code at /start is linkByCode's, any other /start is the menu's greeting).
import type { Flow } from "../../conversation/flow.ts";
import { accountFlow } from "./flows/account/index.ts";
import { authoriseFlow } from "./flows/authorise/index.ts";
import { changeFlow } from "./flows/change/index.ts";
import { consentFlow } from "./flows/consent/index.ts";
import { deathFlow } from "./flows/death/index.ts";
import { eligibilityFlow } from "./flows/eligibility/index.ts";
import { hotlineFlow } from "./flows/hotline/index.ts";
import { linkFlow } from "./flows/link/index.ts";
import { linkByCodeFlow } from "./flows/linkByCode/index.ts";
import { linkByIdFlow } from "./flows/linkById/index.ts";
import { linkByPhoneFlow } from "./flows/linkByPhone/index.ts";
import { menuFlow } from "./flows/menu/index.ts";
import { notReceivedFlow } from "./flows/notReceived/index.ts";
import { payoutsFlow } from "./flows/payouts/index.ts";
import { peopleFlow } from "./flows/people/index.ts";
import { requestsFlow } from "./flows/requests/index.ts";
import { requestStatusFlow } from "./flows/requestStatus/index.ts";
import { revokeFlow } from "./flows/revoke/index.ts";
import { safetyFlow } from "./flows/safety/index.ts";
import { settingsFlow } from "./flows/settings/index.ts";
import { understandFlow } from "./flows/understand/index.ts";
import { unlinkFlow } from "./flows/unlink/index.ts";

export const FLOWS: readonly Flow[] = [
  linkByCodeFlow,
  menuFlow,
  settingsFlow,
  hotlineFlow,
  notReceivedFlow,
  linkFlow,
  linkByIdFlow,
  linkByPhoneFlow,
  consentFlow,
  unlinkFlow,
  peopleFlow,
  payoutsFlow,
  eligibilityFlow,
  safetyFlow,
  deathFlow,
  requestsFlow,
  requestStatusFlow,
  authoriseFlow,
  accountFlow,
  changeFlow,
  revokeFlow,
  understandFlow,
];
