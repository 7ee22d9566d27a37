import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, daysText, durationText, isoDate, parseIsoDate } from './calendar.js';

describe('process dates', () => {
  it('parses strict ISO calendar dates only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-04-31')).toBeUndefined();
    expect(parseIsoDate('2024-13-01')).toBeUndefined();
    expect(parseIsoDate('2024-1-5')).toBeUndefined();
    expect(parseIsoDate('05/01/2024')).toBeUndefined();
    expect(parseIsoDate(20240105)).toBeUndefined();
    expect(parseIsoDate(null)).toBeUndefined();
    expect(isoDate(' 2024-01-05 ')).toBe('2024-01-05');
  });

  it('adds calendar months, keeping the day of the month', () => {
    expect(addMonths('2024-01-23', 1)).toBe('2024-02-23');
    expect(addMonths('2024-03-05', 6)).toBe('2024-09-05');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2024-08-14', 6)).toBe('2025-02-14');
    expect(addMonths('2024-05-10', 0)).toBe('2024-05-10');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2000-01-31', 1)).toBe('2000-02-29');
    expect(addMonths('1900-01-31', 1)).toBe('1900-02-28');
  });

  it('refuses invalid input', () => {
    expect(addMonths('2024-02-30', 1)).toBeUndefined();
    expect(addMonths('2024-01-01', 1.5)).toBeUndefined();
  });

  it('counts days and says durations in words', () => {
    expect(daysBetween('2024-01-23', '2024-03-05')).toBe(42);
    expect(daysBetween('2024-03-05', '2024-01-23')).toBe(-42);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysText(1)).toBe('1 day');
    expect(daysText(11)).toBe('11 days');
    expect(daysText(42)).toBe('6 weeks');
    expect(daysText(45)).toBe('45 days');
    expect(durationText('2024-01-23', '2024-03-05')).toBe('6 weeks');
    expect(durationText('2024-03-05', '2024-11-05')).toBe('eight months');
    expect(durationText('2024-01-31', '2024-02-29')).toBe('one month');
    expect(durationText('2024-01-23', '2024-02-24')).toBe('32 days');
  });
});
