import { describe, expect, it } from 'vitest';
import { upnCheckLetter, upnProblem } from './upn.ts';

describe('UPN check letter', () => {
  it('matches a hand-worked example', () => {
    // 857 2000 21 001: digits × weights 2..13 = 16+15+28+10+0+0+0+18+10+0+0+13 = 110; 110 mod 23 = 18 → V
    // (the alphabet skips I, O and S: A=0 … H=7, J=8 … N=12, P=13, Q, R, T=16, U, V=18)
    expect(upnCheckLetter('857200021001')).toBe('V');
    // all zeros: sum 0 → A; 000000000001: 1 × 13 = 13 → P
    expect(upnCheckLetter('000000000000')).toBe('A');
    expect(upnCheckLetter('000000000001')).toBe('P');
  });

  it('accepts a valid UPN and says what is wrong with a bad one', () => {
    expect(upnProblem('V857200021001')).toBeNull();
    expect(upnProblem('A857200021001')).toMatch(/check letter A, expected V/);
    expect(upnProblem('V85720002100')).toMatch(/12 digits/);
    expect(upnProblem('v857200021001')).toMatch(/capital letter/);
  });
});
