<?php
/**
 * Plugin Name:       Recovery Comments
 * Description:       Replaces the theme's comment section with the offline-first <recovery-comments> element (drafts that survive anything, replies sent exactly once), served from WordPress's own comments, moderation and notifications.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       recovery-comments
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

const VERSION     = '0.1.0';
const PLUGIN_FILE = __FILE__;
define( __NAMESPACE__ . '\\PLUGIN_DIR', plugin_dir_path( __FILE__ ) );

require_once PLUGIN_DIR . 'includes/comment-text.php';
require_once PLUGIN_DIR . 'includes/comment-view.php';
require_once PLUGIN_DIR . 'includes/thread-page.php';
require_once PLUGIN_DIR . 'includes/submission.php';
require_once PLUGIN_DIR . 'includes/rest-routes.php';
require_once PLUGIN_DIR . 'includes/settings.php';
require_once PLUGIN_DIR . 'includes/render.php';

add_action( 'rest_api_init', __NAMESPACE__ . '\\register_routes' );
add_filter( 'rest_post_dispatch', __NAMESPACE__ . '\\contract_errors', 10, 3 );
// Before rest_api_loaded (priority 10), which serves REST requests on parse_request.
add_action( 'parse_request', __NAMESPACE__ . '\\repair_plain_rest_route', 1 );

add_filter( 'comments_template', __NAMESPACE__ . '\\classic_template', 20 );
add_filter( 'pre_render_block', __NAMESPACE__ . '\\block_section', 10, 2 );
add_filter( 'script_loader_tag', __NAMESPACE__ . '\\module_script_tag', 10, 3 );

add_action( 'admin_init', __NAMESPACE__ . '\\register_settings' );
add_action( 'admin_menu', __NAMESPACE__ . '\\add_settings_page' );
add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), __NAMESPACE__ . '\\settings_link' );
