// Mistral actions Sirocco lists (so workflows using them validate and
// GET /v2/actions matches) but cannot run yet: they fail with a clear,
// non-retryable error instead of "action not found".
import { optional, param, type Action, type InputParam } from '../action.js';
import { NotSupportedFailure } from '../failures.js';

function unsupported(name: string, className: string, description: string, inputSpec: InputParam[]): Action {
  return {
    name,
    description,
    className,
    inputSpec,
    run: () => Promise.reject(new NotSupportedFailure(`Action ${name} is not supported by Sirocco yet`)),
  };
}

export const sshAction = unsupported(
  'std.ssh',
  'mistral.actions.std_actions.SSHAction',
  'Runs a command over SSH on one host or a list of hosts (not supported by Sirocco yet).',
  [
    param('cmd'),
    param('host'),
    param('username'),
    optional('password', ''),
    optional('private_key_filename'),
    optional('private_key'),
  ],
);

export const sshProxiedAction = unsupported(
  'std.ssh_proxied',
  'mistral.actions.std_actions.SSHProxiedAction',
  'Runs a command over SSH through a gateway host (not supported by Sirocco yet).',
  [
    param('cmd'),
    param('host'),
    param('username'),
    param('private_key_filename'),
    param('gateway_host'),
    optional('gateway_username'),
    optional('password'),
    optional('proxy_command'),
    optional('private_key'),
  ],
);

export const emailAction = unsupported(
  'std.email',
  'mistral.actions.std_actions.SendEmailAction',
  'Sends an email through an SMTP server (not supported by Sirocco yet).',
  [
    param('from_addr'),
    param('to_addrs'),
    param('smtp_server'),
    optional('reply_to'),
    optional('cc_addrs'),
    optional('bcc_addrs'),
    optional('smtp_password'),
    optional('subject'),
    optional('body'),
    optional('html_body'),
  ],
);
