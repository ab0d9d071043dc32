import { type Provider } from '@angular/core';
import { BehaviorSubject } from 'rxjs';

import { Crew } from '../../../../models';
import { CrewRepository } from './crew-repository';

export const NORTH = new Crew({ name: 'North', crewID: 'north', crewGroup: 'crew-north' });
export const SOUTH = new Crew({ name: 'South', crewID: 'south', crewGroup: 'crew-south' });

/** A crew repository double holding `crews`, for screens that name or offer crews. */
export function crewsOnDevice(crews: readonly Crew[] = [NORTH, SOUTH]): Provider {
  return { provide: CrewRepository, useValue: { watchAll: () => new BehaviorSubject(crews) } };
}
