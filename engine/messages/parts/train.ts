import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  // Data and memory problems found before or during training (trainer.ts, memoryEstimate.ts, the train worker).
  'train.noTrainingImages': {
    en: 'The training set has no images; a network cannot learn from nothing. Choose a dataset with training images.',
    fr: 'L’ensemble d’entraînement ne contient aucune image ; un réseau ne peut rien apprendre de rien. Choisissez un jeu de données avec des images d’entraînement.',
  },
  'train.memoryTooBig': {
    en: 'Training this network with a batch size of {batch} needs about {needed} of memory, more than the {budget} Layerwise can use on this computer. The biggest part is {layer} ({layerSize}). Lower the batch size, or give {layer} fewer filters or units (or pool before it).',
    fr: 'Entraîner ce réseau avec une taille de lot de {batch} demande environ {needed} de mémoire, plus que les {budget} dont Layerwise dispose sur cet ordinateur. La plus grosse part revient à {layer} ({layerSize}). Réduisez la taille de lot, ou donnez à {layer} moins de filtres ou de neurones (ou ajoutez un pooling avant).',
  },
  'train.memoryTooBigPerImage': {
    en: 'Even one image at a time, training this network needs about {needed} of memory, more than the {budget} Layerwise can use on this computer. The biggest part is {layer} ({layerSize}): give it fewer filters or units, or pool before it.',
    fr: 'Même une image à la fois, entraîner ce réseau demande environ {needed} de mémoire, plus que les {budget} dont Layerwise dispose sur cet ordinateur. La plus grosse part revient à {layer} ({layerSize}) : donnez-lui moins de filtres ou de neurones, ou ajoutez un pooling avant.',
  },
  'train.outOfMemory': {
    en: 'Training ran out of memory. Lower the batch size, or use fewer filters or units (or pool earlier), and train again.',
    fr: 'L’entraînement a manqué de mémoire. Réduisez la taille de lot, ou utilisez moins de filtres ou de neurones (ou un pooling plus tôt), puis relancez l’entraînement.',
  },
  'train.sizeMB': { en: '{n} MB', fr: '{n} Mo' },
  'train.sizeGB': { en: '{n} GB', fr: '{n} Go' },
});
