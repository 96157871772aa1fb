import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  // Limits on what a model file declares (engine/model/limits.ts, engine/io/layersModel.ts).
  'modelFile.tooManyLayers': {
    en: 'model.json declares {count} layers; Layerwise opens networks of at most {max} layers.',
    fr: 'model.json déclare {count} couches ; Layerwise ouvre des réseaux de {max} couches au plus.',
  },
  'modelFile.tooManyParams': {
    en: 'The network in model.json has {params} parameters; Layerwise handles at most {max}.',
    fr: 'Le réseau de model.json a {params} paramètres ; Layerwise en gère au plus {max}.',
  },
  'modelFile.tooMuchPerImage': {
    en: 'The network in model.json would need {mib} MiB of memory for each image (most of it in {layer}); Layerwise allows at most {max} MiB per image.',
    fr: 'Le réseau de model.json demanderait {mib} Mio de mémoire par image (surtout pour {layer}) ; Layerwise en permet au plus {max} Mio par image.',
  },
  'modelFile.hugeWeight': {
    en: '{file} holds the weight {value} in {weight}, far beyond what training produces (at most {max} in size): the file is damaged, or its weights were not trained.',
    fr: '{file} contient le poids {value} dans {weight}, bien au-delà de ce que produit un entraînement (au plus {max} en valeur absolue) : le fichier est endommagé, ou ses poids n’ont pas été entraînés.',
  },
  'modelFile.nonFiniteOutput': {
    en: 'The model’s outputs are not numbers (its weights are too large, or damaged), so it cannot predict. Train the network again.',
    fr: 'Les sorties du modèle ne sont pas des nombres (ses poids sont trop grands, ou endommagés) : il ne peut pas prédire. Entraînez de nouveau le réseau.',
  },
  'modelFile.outOfMemory': {
    en: 'There is not enough memory to run this model; close other programs, or use a smaller network.',
    fr: 'Il n’y a pas assez de mémoire pour faire fonctionner ce modèle ; fermez d’autres programmes, ou utilisez un réseau plus petit.',
  },
});
