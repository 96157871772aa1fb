/**
 * The dictionaries, one file per part of the UI, each with the same keys in English and
 * French (i18n.test.ts checks). Add a part here when you add its file.
 */
import autoencoder from './autoencoder';
import builder from './builder';
import codes from './codes';
import compare from './compare';
import common from './common';
import csv from './csv';
import draw from './draw';
import history from './history';
import explore from './explore';
import exportPart from './export';
import layers from './layers';
import models from './models';
import playground from './playground';
import samples from './samples';
import stepper from './stepper';
import training from './training';
import trainingAutoencoder from './trainingAutoencoder';
import trainingInside from './trainingInside';
import trainingResults from './trainingResults';
import trainingWatch from './trainingWatch';

export type Lang = 'en' | 'fr';
export type Dictionary = Record<string, string>;
export interface MessagePart {
  en: Dictionary;
  fr: Dictionary;
}

export const PARTS: Record<string, MessagePart> = { common, builder, layers, draw, models, training, trainingResults, trainingWatch, trainingAutoencoder, trainingInside, playground, csv, samples, autoencoder, codes, history, explore, stepper, compare, export: exportPart };

function merge(lang: Lang): Dictionary {
  const out: Dictionary = {};
  for (const part of Object.values(PARTS)) Object.assign(out, part[lang]);
  return out;
}

export const MESSAGES: Record<Lang, Dictionary> = { en: merge('en'), fr: merge('fr') };
