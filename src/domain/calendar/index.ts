// The district calendar and deadline engine (CAL-1 .. CAL-4): pure, usable in workflows and at the API edge.
export * from './calendar-date';
export * from './deadlines';
export * from './district-calendar';
export * from './school-year';
export * from './time-zone';
export * from './calendar-rules';
export * from './calendar-record';
export * from './sample-calendar';
