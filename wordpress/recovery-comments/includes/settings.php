<?php
/**
 * Settings → Recovery Comments: page size, maximum depth, colour theme, and whether WordPress's
 * own list and form stay inside the element for readers without JavaScript. The defaults make
 * activating the plugin enough.
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

/** The one option the plugin keeps (uninstall.php deletes it). */
const OPTION = 'recovery_comments_settings';

/**
 * The defaults: 0 for max_depth means "as in Settings → Discussion".
 *
 * @return array{page_size: int, max_depth: int, theme: string, keep_fallback: bool}
 */
function default_settings() {
	return array(
		'page_size'     => 50,
		'max_depth'     => 0,
		'theme'         => 'auto',
		'keep_fallback' => true,
	);
}

/**
 * The settings in force, each checked again (the option may have been edited by hand).
 *
 * @return array{page_size: int, max_depth: int, theme: string, keep_fallback: bool}
 */
function settings() {
	$stored = get_option( OPTION, array() );
	return sanitize_settings( array_merge( default_settings(), is_array( $stored ) ? $stored : array() ) );
}

/**
 * Cleans submitted or stored settings; anything out of range falls back to its default.
 *
 * @param mixed $input Raw settings.
 * @return array{page_size: int, max_depth: int, theme: string, keep_fallback: bool}
 */
function sanitize_settings( $input ) {
	$input    = is_array( $input ) ? wp_unslash( $input ) : array();
	$defaults = default_settings();
	$page     = isset( $input['page_size'] ) ? absint( $input['page_size'] ) : $defaults['page_size'];
	$depth    = isset( $input['max_depth'] ) ? absint( $input['max_depth'] ) : $defaults['max_depth'];
	$theme    = isset( $input['theme'] ) ? sanitize_key( $input['theme'] ) : $defaults['theme'];
	return array(
		'page_size'     => $page >= 1 && $page <= 200 ? $page : $defaults['page_size'],
		'max_depth'     => $depth <= 10 ? $depth : $defaults['max_depth'],
		'theme'         => in_array( $theme, array( 'auto', 'light', 'dark' ), true ) ? $theme : $defaults['theme'],
		// An unticked checkbox is absent from the form, so "absent" means off once saved.
		'keep_fallback' => ! empty( $input['keep_fallback'] ),
	);
}

/**
 * Registers the option and its form (on admin_init).
 */
function register_settings() {
	register_setting(
		'recovery_comments',
		OPTION,
		array(
			'type'              => 'object',
			'sanitize_callback' => __NAMESPACE__ . '\\sanitize_settings',
			'default'           => default_settings(),
			'show_in_rest'      => false,
		)
	);
	add_settings_section( 'recovery_comments_main', '', '__return_false', 'recovery-comments' );
	$fields = array(
		'page_size'     => __( 'Top-level comments per page', 'recovery-comments' ),
		'max_depth'     => __( 'Deepest nested reply', 'recovery-comments' ),
		'theme'         => __( 'Colours', 'recovery-comments' ),
		'keep_fallback' => __( 'Without JavaScript', 'recovery-comments' ),
	);
	foreach ( $fields as $key => $label ) {
		add_settings_field(
			'recovery_comments_' . $key,
			$label,
			__NAMESPACE__ . '\\render_setting_field',
			'recovery-comments',
			'recovery_comments_main',
			array(
				'key'       => $key,
				'label_for' => 'recovery_comments_' . $key,
			)
		);
	}
}

/**
 * Adds Settings → Recovery Comments (on admin_menu).
 */
function add_settings_page() {
	add_options_page(
		__( 'Recovery Comments', 'recovery-comments' ),
		__( 'Recovery Comments', 'recovery-comments' ),
		'manage_options',
		'recovery-comments',
		__NAMESPACE__ . '\\render_settings_page'
	);
}

/**
 * Prints the settings page.
 */
function render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<p>' . esc_html__( 'Comments are still moderated, approved and notified by email as set in Settings → Discussion and on the Comments screen.', 'recovery-comments' ) . '</p>';
	echo '<form action="options.php" method="post">';
	settings_fields( 'recovery_comments' );
	do_settings_sections( 'recovery-comments' );
	submit_button();
	echo '</form></div>';
}

/**
 * Prints one field of the settings form.
 *
 * @param array{key: string, label_for: string} $args Which field.
 */
function render_setting_field( $args ) {
	$values = settings();
	$key    = $args['key'];
	$id     = $args['label_for'];
	$name   = OPTION . '[' . $key . ']';
	switch ( $key ) {
		case 'page_size':
			printf( '<input type="number" min="1" max="200" id="%s" name="%s" value="%d" class="small-text">', esc_attr( $id ), esc_attr( $name ), (int) $values['page_size'] );
			break;
		case 'max_depth':
			printf( '<input type="number" min="0" max="10" id="%s" name="%s" value="%d" class="small-text">', esc_attr( $id ), esc_attr( $name ), (int) $values['max_depth'] );
			echo '<p class="description">' . esc_html__( '0 follows "Enable threaded (nested) comments" in Settings → Discussion.', 'recovery-comments' ) . '</p>';
			break;
		case 'theme':
			printf( '<select id="%s" name="%s">', esc_attr( $id ), esc_attr( $name ) );
			$choices = array(
				'auto'  => __( "The theme's colours", 'recovery-comments' ),
				'light' => __( 'Light', 'recovery-comments' ),
				'dark'  => __( 'Dark', 'recovery-comments' ),
			);
			foreach ( $choices as $value => $label ) {
				printf( '<option value="%s"%s>%s</option>', esc_attr( $value ), selected( $values['theme'], $value, false ), esc_html( $label ) );
			}
			echo '</select>';
			break;
		case 'keep_fallback':
			printf( '<label><input type="checkbox" id="%s" name="%s" value="1"%s> %s</label>', esc_attr( $id ), esc_attr( $name ), checked( $values['keep_fallback'], true, false ), esc_html__( "Keep WordPress's own comment list and form inside the section, for readers without JavaScript and for search engines", 'recovery-comments' ) );
			break;
	}
}

/**
 * On plugin_action_links_{plugin}: a "Settings" link beside Deactivate on the Plugins screen.
 *
 * @param string[] $links The plugin's action links.
 * @return string[]
 */
function settings_link( $links ) {
	$url = admin_url( 'options-general.php?page=recovery-comments' );
	array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'recovery-comments' ) . '</a>' );
	return $links;
}
