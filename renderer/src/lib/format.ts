export { formatViDateTime } from '../../../electron/core/model/dates';
