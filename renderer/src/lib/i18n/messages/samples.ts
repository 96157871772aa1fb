import type { MessagePart } from '.';

// Hints that name what one sample is — an image (MNIST, a folder), a point of the plane, a
// table's row — worded per kind (French agrees its words with each: toutes les images, tous les points).
const part: MessagePart = {
  en: {
    'samples.epochs.images': 'Epochs: how many times the network sees every training image.',
    'samples.epochs.points': 'Epochs: how many times the network sees every training point.',
    'samples.epochs.rows': 'Epochs: how many times the network sees every training row.',
    'samples.batch.stochastic.images': 'Batch size 1 is stochastic gradient descent: the weights change after every image ({updates} updates per epoch). Noisy and slow.',
    'samples.batch.stochastic.points': 'Batch size 1 is stochastic gradient descent: the weights change after every point ({updates} updates per epoch). Noisy and slow.',
    'samples.batch.stochastic.rows': 'Batch size 1 is stochastic gradient descent: the weights change after every row ({updates} updates per epoch). Noisy and slow.',
    'samples.batch.mini.images': 'Mini-batch: the weights change after every {size} images ({updates} updates per epoch). The usual compromise.',
    'samples.batch.mini.points': 'Mini-batch: the weights change after every {size} points ({updates} updates per epoch). The usual compromise.',
    'samples.batch.mini.rows': 'Mini-batch: the weights change after every {size} rows ({updates} updates per epoch). The usual compromise.',
    'samples.batch.whole.images': 'Batch gradient descent: one update per pass over all {count} images. Smooth, but very few steps.',
    'samples.batch.whole.points': 'Batch gradient descent: one update per pass over all {count} points. Smooth, but very few steps.',
    'samples.batch.whole.rows': 'Batch gradient descent: one update per pass over all {count} rows. Smooth, but very few steps.',
    'samples.batch.none.images': 'How many images each weight update averages over. No image is left to train on: see the validation images.',
    'samples.batch.none.points': 'How many points each weight update averages over. No point is left to train on: see the validation size.',
    'samples.batch.none.rows': 'How many rows each weight update averages over. No row is left to train on: see the validation size.',
  },
  fr: {
    'samples.epochs.images': 'Époques : combien de fois le réseau voit chaque image d’entraînement.',
    'samples.epochs.points': 'Époques : combien de fois le réseau voit chaque point d’entraînement.',
    'samples.epochs.rows': 'Époques : combien de fois le réseau voit chaque ligne d’entraînement.',
    'samples.batch.stochastic.images': 'Un lot de 1, c’est la descente de gradient stochastique : les poids changent après chaque image ({updates} mises à jour par époque). Bruité et lent.',
    'samples.batch.stochastic.points': 'Un lot de 1, c’est la descente de gradient stochastique : les poids changent après chaque point ({updates} mises à jour par époque). Bruité et lent.',
    'samples.batch.stochastic.rows': 'Un lot de 1, c’est la descente de gradient stochastique : les poids changent après chaque ligne ({updates} mises à jour par époque). Bruité et lent.',
    'samples.batch.mini.images': 'Mini-lot : les poids changent toutes les {size} images ({updates} mises à jour par époque). Le compromis habituel.',
    'samples.batch.mini.points': 'Mini-lot : les poids changent tous les {size} points ({updates} mises à jour par époque). Le compromis habituel.',
    'samples.batch.mini.rows': 'Mini-lot : les poids changent toutes les {size} lignes ({updates} mises à jour par époque). Le compromis habituel.',
    'samples.batch.whole.images': 'Descente de gradient par lot complet : une mise à jour par passage sur les {count} images. Régulier, mais très peu de pas.',
    'samples.batch.whole.points': 'Descente de gradient par lot complet : une mise à jour par passage sur les {count} points. Régulier, mais très peu de pas.',
    'samples.batch.whole.rows': 'Descente de gradient par lot complet : une mise à jour par passage sur les {count} lignes. Régulier, mais très peu de pas.',
    'samples.batch.none.images': 'Le nombre d’images sur lequel chaque mise à jour des poids fait la moyenne. Aucune image ne reste pour l’entraînement : voyez les images de validation.',
    'samples.batch.none.points': 'Le nombre de points sur lequel chaque mise à jour des poids fait la moyenne. Aucun point ne reste pour l’entraînement : voyez la validation.',
    'samples.batch.none.rows': 'Le nombre de lignes sur lequel chaque mise à jour des poids fait la moyenne. Aucune ligne ne reste pour l’entraînement : voyez la validation.',
  },
};

export default part;
