/**
 * The sign-in page, the console's one public page: it takes an ops key, opens a console session
 * (the signed cookies for the console/ folder) and goes on to the console.
 */
import './styles.css';
import { loadConfig } from './api';
import { renderSignIn } from './views/sign-in';

const main = document.getElementById('main') as HTMLElement;
await loadConfig();
renderSignIn(main, () => window.location.assign('console/'));
