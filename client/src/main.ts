import './styles/app.css';

import { Application } from './app';

new Application(document.getElementById('app')!).start();
