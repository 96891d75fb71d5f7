/**
 * The kiosk's camera and microphone for one call. Echo cancellation, noise
 * suppression and gain control on: the speakers and the microphone are in
 * the same box, and the lawyer's voice plays through a media element so the
 * browser can cancel it.
 */
export function openLocalMedia(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
}

/** Stops every track of a stream: the camera's light goes off, the microphone is released. */
export function stopTracks(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
