/** `anon/vehicle-registration` — see vehicle-registration.md. */
import { patternRule } from './pattern-rule.js';

export const vehicleRegistration = patternRule({
  id: 'anon/vehicle-registration',
  severity: 'warning',
  description: 'a UK vehicle registration mark (current and older formats)',
}, 'vehicle-registration', 'vehicle registration mark found: a registration traces the vehicle to its keeper; describe the vehicle instead (for example "Adult B\'s car")');
