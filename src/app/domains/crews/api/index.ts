export { CrewRepository } from '../data/crew-repository';
export { withCrews } from '../data/with-crews';
export {
  crewGroupOf,
  crewLabel,
  crewOfGroup,
  type CrewScope,
  NO_CREW,
  NO_CREW_LABEL,
  scopeOf,
} from '../util/crew-scope';
