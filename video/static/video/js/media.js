// Local media: camera and microphone (with device choice), screen capture, and
// a readable reason when the browser refuses.

export function explainMediaError(error, strings) {
  if (!window.isSecureContext || !navigator.mediaDevices) return strings.insecure;
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return strings.permissionDenied;
    case "NotFoundError":
    case "OverconstrainedError":
      return strings.noDevice;
    case "NotReadableError":
    case "AbortError":
      return strings.deviceBusy;
    default:
      return strings.noDevice;
  }
}

export async function getLocalMedia({ cameraId, micId } = {}) {
  if (!navigator.mediaDevices?.getUserMedia) {
    const error = new Error("mediaDevices unavailable");
    error.name = "SecurityError";
    throw error;
  }
  const video = cameraId
    ? { deviceId: { exact: cameraId }, width: { ideal: 640 }, height: { ideal: 360 } }
    : { width: { ideal: 640 }, height: { ideal: 360 } };
  const audio = micId
    ? { deviceId: { exact: micId }, echoCancellation: true, noiseSuppression: true }
    : { echoCancellation: true, noiseSuppression: true };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio });
  } catch (error) {
    // No camera but a microphone (or the reverse): take what exists.
    if (error.name === "NotFoundError" || error.name === "OverconstrainedError") {
      for (const constraints of [{ audio }, { video }]) {
        try {
          return await navigator.mediaDevices.getUserMedia(constraints);
        } catch (ignored) {
          /* try the next combination */
        }
      }
    }
    throw error;
  }
}

export async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((d) => d.kind === "videoinput"),
    mics: devices.filter((d) => d.kind === "audioinput"),
  };
}

export function fillSelect(select, devices, currentId, fallbackLabel) {
  select.replaceChildren();
  devices.forEach((device, index) => {
    const option = document.createElement("option");
    option.value = device.deviceId;
    option.textContent = device.label || `${fallbackLabel} ${index + 1}`;
    option.selected = device.deviceId === currentId;
    select.append(option);
  });
  select.disabled = devices.length < 2;
}

export async function getScreen() {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  return stream.getVideoTracks()[0];
}
