import { defineMessages } from '../message';

/** Messages of this area, in both languages: a network written as a PyTorch or Keras script (engine/export). */
export default defineMessages({
  'export.layer': {
    en: 'Layer {layer} cannot be written for PyTorch: {why}',
    fr: 'La couche {layer} ne peut pas être écrite pour PyTorch : {why}',
  },
  'export.poolPadding': {
    en: 'its "same" padding adds borders here, which PyTorch’s pooling does not count the way Keras does; use "valid".',
    fr: 'son remplissage « same » ajoute des bords ici, que le pooling de PyTorch ne compte pas comme Keras ; choisissez « valid ».',
  },
  'export.reshape': {
    en: 'PyTorch keeps image channels first, so only a reshape to a vector, or to one-channel images, keeps the same order.',
    fr: 'PyTorch place les canaux des images en premier : seule une mise en forme vers un vecteur, ou vers des images à un canal, garde le même ordre.',
  },
});
