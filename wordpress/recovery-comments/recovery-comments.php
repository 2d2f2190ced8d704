<?php
/**
 * Plugin Name:       Recovery Comments
 * Description:       Replaces the theme's comment section with the offline-first <recovery-comments> element, served from WordPress's own comments.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       recovery-comments
 *
 * @package RecoveryComments
 */

defined( 'ABSPATH' ) || exit;
